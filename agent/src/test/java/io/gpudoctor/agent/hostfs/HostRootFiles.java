package io.gpudoctor.agent.hostfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes files and folders into a test's host root by their host paths ({@code /etc/docker/daemon.json}). */
public final class HostRootFiles {

    private HostRootFiles() {
    }

    /** Writes {@code text} at {@code hostPath} under {@code root}, creating the folders on the way. */
    public static Path write(Path root, String hostPath, String text) {
        return write(root, hostPath, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static Path write(Path root, String hostPath, byte[] content) {
        Path file = HostPaths.of(root).resolve(hostPath);
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the folder {@code hostPath} under {@code root}. */
    public static Path folder(Path root, String hostPath) {
        try {
            return Files.createDirectories(HostPaths.of(root).resolve(hostPath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
