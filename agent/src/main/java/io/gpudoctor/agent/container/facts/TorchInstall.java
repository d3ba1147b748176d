package io.gpudoctor.agent.container.facts;

import java.util.Objects;
import java.util.Optional;

/**
 * A PyTorch install found in a container, from its {@code torch/version.py}.
 *
 * @param path    the {@code version.py} path inside the container
 * @param version {@code __version__} ({@code 2.7.1+cu128})
 * @param cuda    the CUDA version it was built for; empty for a CPU-only build
 */
public record TorchInstall(String path, String version, Optional<String> cuda) {

    public TorchInstall {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cuda, "cuda");
    }

    /** Whether this is a CPU-only build ({@code cuda = None}): {@code is_available()} is then always false. */
    public boolean cpuOnly() {
        return cuda.isEmpty();
    }
}
