package io.gpudoctor.locate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A host root tree under a test folder, written with host paths. */
final class HostRoot {

    private final Path root;

    HostRoot(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The file on disk for a host path. */
    Path disk(String hostPath) {
        return root.resolve(hostPath.substring(1));
    }

    /** A regular file standing in for a library; the locator never loads it. */
    HostRoot file(String hostPath) {
        return write(hostPath, ("stand-in for " + hostPath + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    HostRoot write(String hostPath, byte[] content) {
        try {
            Path file = disk(hostPath);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HostRoot folder(String hostPath) {
        try {
            Files.createDirectories(disk(hostPath));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A symlink at {@code hostPath} whose target is written exactly as given. */
    HostRoot link(String hostPath, String target) {
        try {
            Path link = disk(hostPath);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A driver install as NVIDIA's installer lays it out: the soname linked to the versioned file. */
    HostRoot library(String folder, String soname, String version) {
        String real = soname.substring(0, soname.indexOf(".so.") + 4) + version;
        return file(folder + "/" + real).link(folder + "/" + soname, real);
    }
}
