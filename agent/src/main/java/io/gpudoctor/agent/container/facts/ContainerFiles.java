package io.gpudoctor.agent.container.facts;

import io.gpudoctor.saferoot.SafeListing;
import io.gpudoctor.saferoot.SafeRead;
import io.gpudoctor.saferoot.SafeRootReader;
import io.gpudoctor.saferoot.SafeStatus;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The container's files, only ever through a {@link SafeRootReader}, with every outcome turned
 * into a {@link Fact}: the one place container-side reads happen.
 */
final class ContainerFiles {

    private final SafeRootReader root;

    ContainerFiles(SafeRootReader root) {
        this.root = root;
    }

    /** The names in a folder; a missing folder is known to hold nothing. */
    Fact<List<String>> names(String folder) {
        SafeListing listing = root.list(folder);
        if (listing.isOk() || listing.status() == SafeStatus.TOO_LARGE) {
            return Fact.known(listing.names());
        }
        if (listing.status() == SafeStatus.MISSING || listing.status() == SafeStatus.NOT_DIRECTORY) {
            return Fact.known(List.of());
        }
        return Fact.unknown(folder + ": " + describe(listing.status(), listing.problem()));
    }

    /** The names in a folder, or none when it cannot be listed. */
    List<String> namesOrNone(String folder) {
        return names(folder).value().orElse(List.of());
    }

    /** The whole content of a regular file; known to be absent when there is no such file. */
    Fact<Optional<byte[]>> bytesIfPresent(String path) {
        SafeRead read = root.read(path);
        if (read.status() == SafeStatus.MISSING) {
            return Fact.known(Optional.empty());
        }
        return read.isOk() ? Fact.known(Optional.of(read.content()))
                : Fact.unknown(path + ": " + describe(read.status(), read.problem()));
    }

    /** Bounded parts of a regular file, each read through the safe reader; a part that cannot be read is empty. */
    FileRanges ranges(String path) {
        return (offset, length) -> {
            SafeRead read = root.readAt(path, offset, length);
            return read.isOk() ? Optional.of(read.content()) : Optional.empty();
        };
    }

    /** The whole content of a regular file as UTF-8 text. */
    Fact<String> text(String path) {
        SafeRead read = root.read(path);
        return read.isOk() ? Fact.known(read.text()) : Fact.unknown(path + ": " + describe(read.status(), read.problem()));
    }

    private static String describe(SafeStatus status, String problem) {
        String name = status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return problem.isEmpty() ? name : name + " (" + problem + ")";
    }
}
