package io.gpudoctor.locate;

import java.util.List;
import java.util.Optional;

/**
 * Where one NVIDIA library was looked for and what was found.
 *
 * @param library    the library searched for
 * @param chosen     the first usable candidate: what the dynamic loader would open
 * @param candidates every distinct file found, in search order, unusable ones included
 */
public record LibrarySearch(NvidiaLibrary library, Optional<LibraryCandidate> chosen, List<LibraryCandidate> candidates) {

    public LibrarySearch {
        candidates = List.copyOf(candidates);
    }

    /** A search over these candidates, choosing the first usable one. */
    public static LibrarySearch of(NvidiaLibrary library, List<LibraryCandidate> candidates) {
        return new LibrarySearch(library, candidates.stream().filter(LibraryCandidate::usable).findFirst(), candidates);
    }

    /**
     * The distinct driver versions among the candidates, in search order. More than one means two
     * drivers' userspace libraries are installed side by side, and a program may load the wrong one.
     */
    public List<String> versions() {
        return candidates.stream().flatMap(c -> c.version().stream()).distinct().toList();
    }
}
