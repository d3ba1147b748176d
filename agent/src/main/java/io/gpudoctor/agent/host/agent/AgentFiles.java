package io.gpudoctor.agent.host.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's own files (its configuration, web configuration and TLS key) with their
 * permissions, read once at start: facts for {@link AgentFilesCheck}. The one-shot commands read
 * none, so {@link #NONE}.
 *
 * @param files the files that could be read; one that cannot is the loader's business, which
 *              stops the start with its own message
 */
public record AgentFiles(List<AgentFile> files) {

    public static final AgentFiles NONE = new AgentFiles(List.of());

    public AgentFiles {
        files = List.copyOf(files);
    }

    /** Reads the permissions of the files given. */
    public static AgentFiles read(Optional<Path> config, Optional<Path> webConfig, Optional<Path> tlsKey) {
        List<AgentFile> files = new ArrayList<>();
        config.flatMap(p -> read(p, AgentFile.Role.CONFIG)).ifPresent(files::add);
        webConfig.flatMap(p -> read(p, AgentFile.Role.WEB_CONFIG)).ifPresent(files::add);
        tlsKey.flatMap(p -> read(p, AgentFile.Role.TLS_KEY)).ifPresent(files::add);
        return new AgentFiles(files);
    }

    private static Optional<AgentFile> read(Path path, AgentFile.Role role) {
        try {
            return Optional.of(new AgentFile(path, role, Files.getPosixFilePermissions(path)));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
