package io.gpudoctor.agent.host.runtime;

import io.gpudoctor.agent.hostfs.HostFileReader;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the executable a runtime entry names. Engines accept a bare name and look it up on their
 * PATH, so a bare {@code nvidia-container-runtime} is searched in the directories a systemd
 * service's default PATH holds.
 */
public final class Executables {

    static final List<String> SEARCH_PATH = List.of(
            "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private Executables() {
    }

    /** The host path of the named executable, empty when nothing is there. */
    public static Optional<String> locate(HostFileReader files, String nameOrPath) {
        return locate(files, nameOrPath, List.of());
    }

    /** As {@link #locate(HostFileReader, String)}, a bare name also searched in {@code extraPath} (a snap's folders). */
    public static Optional<String> locate(HostFileReader files, String nameOrPath, List<String> extraPath) {
        if (nameOrPath.isBlank()) {
            return Optional.empty();
        }
        if (nameOrPath.contains("/")) {
            return files.exists(nameOrPath) ? Optional.of(nameOrPath) : Optional.empty();
        }
        return Stream.concat(extraPath.stream(), SEARCH_PATH.stream())
                .map(dir -> dir + "/" + nameOrPath).filter(files::exists).findFirst();
    }
}
