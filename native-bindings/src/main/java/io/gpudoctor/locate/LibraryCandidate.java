package io.gpudoctor.locate;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A file that could answer for an NVIDIA library on the host, and how it was found.
 *
 * @param path       the name found, as the host sees it, e.g. {@code /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1}
 * @param realPath   that name with every symlink resolved inside the host root, e.g.
 *                   {@code /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.535.161.07}; for an unusable
 *                   candidate, {@code path} again
 * @param version    the driver version in the real file's name after {@code .so.}, e.g. {@code 535.161.07}
 * @param foundBy    how it was found: {@code ld.so.cache}, the folder searched (e.g. {@code /usr/lib64}),
 *                   or the option that named it (e.g. {@code --nvml.library})
 * @param fileOnDisk the file to load from this process (below the host root)
 * @param problem    why this name cannot be loaded (broken symlink, loop, not a file); empty when it can
 */
public record LibraryCandidate(
        Path path, Path realPath, Optional<String> version, String foundBy, Path fileOnDisk, Optional<String> problem) {

    /** A loadable candidate. */
    public LibraryCandidate(Path path, Path realPath, Optional<String> version, String foundBy, Path fileOnDisk) {
        this(path, realPath, version, foundBy, fileOnDisk, Optional.empty());
    }

    /** A name that exists but leads to no loadable file. */
    public static LibraryCandidate unusable(Path path, String foundBy, Path fileOnDisk, String problem) {
        return new LibraryCandidate(path, path, Optional.empty(), foundBy, fileOnDisk, Optional.of(problem));
    }

    /** Whether the dynamic loader could open this candidate. */
    public boolean usable() {
        return problem.isEmpty();
    }
}
