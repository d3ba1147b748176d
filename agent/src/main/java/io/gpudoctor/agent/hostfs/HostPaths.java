package io.gpudoctor.agent.hostfs;

import java.nio.file.Path;

/**
 * The host as seen from this process: every host file is read under {@code root}
 * ({@code --path.rootfs}, node_exporter's convention), so tests and a DaemonSet's {@code /host}
 * mount work the same way. Nothing in gpu-doctor reads {@code /proc} or {@code /etc} directly.
 */
public record HostPaths(Path root) {

    public HostPaths {
        root = root.toAbsolutePath().normalize();
    }

    /** The host's root. */
    public static HostPaths of(Path root) {
        return new HostPaths(root);
    }

    /** Where the host path {@code /proc/driver/nvidia/version} lies on this machine. */
    public Path resolve(String hostPath) {
        String relative = hostPath;
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        return relative.isEmpty() ? root : root.resolve(relative);
    }
}
