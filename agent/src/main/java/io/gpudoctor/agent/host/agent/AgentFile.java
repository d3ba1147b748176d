package io.gpudoctor.agent.host.agent;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * One of gpu-doctor's own files and its permission bits, as read when the daemon started.
 *
 * @param path        where the daemon read it
 * @param role        what it holds
 * @param permissions its mode bits
 */
public record AgentFile(Path path, Role role, Set<PosixFilePermission> permissions) {

    public AgentFile {
        permissions = Set.copyOf(permissions);
    }

    /** What a file holds, and so what its permissions must keep from others. */
    public enum Role {
        /** {@code --config}: whoever may write it chooses what the daemon reads and where it listens. */
        CONFIG("the daemon's configuration (--config)"),
        /** {@code --web.config.file}: whoever may write it chooses the users and the TLS key. */
        WEB_CONFIG("the web configuration (--web.config.file)"),
        /** The TLS private key: whoever may read it can impersonate the daemon. */
        TLS_KEY("the TLS private key (tls_server_config.key_file)");

        private final String description;

        Role(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
