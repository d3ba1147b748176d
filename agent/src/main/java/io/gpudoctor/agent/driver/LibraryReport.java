package io.gpudoctor.agent.driver;

import io.gpudoctor.locate.LdSoCache;
import io.gpudoctor.locate.LibraryCandidate;
import java.util.List;
import java.util.Optional;

/**
 * What became of one driver library: how it was asked for, every candidate file seen, the one
 * chosen, and whether it loaded (and if not, why).
 *
 * @param requested  {@code search}, {@code none}, an explicit path, or {@code simulated}
 * @param loadError  empty when the chosen file loaded, or when nothing was to be loaded
 * @param ldSoCache  the root's loader cache as read during the search; empty when none was searched
 */
public record LibraryReport(String soname, String requested, Optional<LibraryCandidate> chosen,
                            List<LibraryCandidate> candidates, boolean loaded, Optional<String> loadError,
                            Optional<LdSoCache> ldSoCache) {

    /** Distinct driver versions among the candidates, in search order. */
    public List<String> versionsSeen() {
        return candidates.stream().flatMap(c -> c.version().stream()).distinct().toList();
    }
}
