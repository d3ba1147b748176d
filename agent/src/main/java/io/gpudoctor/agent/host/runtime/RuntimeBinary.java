package io.gpudoctor.agent.host.runtime;

import java.util.Optional;

/**
 * An executable a container engine's runtime entry names, and where (if anywhere) it was found.
 *
 * @param runtime    the runtime's name in the engine's config ({@code nvidia})
 * @param source     the file and key that name it ({@code /etc/docker/daemon.json: runtimes.nvidia.path})
 * @param configured the value as written ({@code /usr/bin/nvidia-container-runtime})
 * @param found      the host path found; empty when nothing is there
 */
public record RuntimeBinary(String runtime, String source, String configured, Optional<String> found) {

    public boolean missing() {
        return found.isEmpty();
    }
}
