package io.gpudoctor.agent.container.facts;

import java.util.Objects;

/**
 * A CUDA version the workload needs, and where that came from.
 *
 * @param version  {@code major.minor} or longer ({@code 12.8}, {@code 12.4.1})
 * @param source   the kind of evidence
 * @param evidence the file inside the container, or the variable, it came from
 */
public record CudaRequirement(String version, Source source, String evidence) {

    /** Where a CUDA version came from. */
    public enum Source {
        /** {@code torch/version.py}'s {@code cuda}. */
        TORCH,
        /** {@code /usr/local/cuda/version.json} or {@code version.txt}. */
        CUDA_TOOLKIT,
        /** The {@code CUDA_VERSION} variable of a CUDA base image. */
        ENV_CUDA_VERSION,
        /** The {@code cuda>=} constraint in {@code NVIDIA_REQUIRE_CUDA}. */
        ENV_NVIDIA_REQUIRE_CUDA
    }

    public CudaRequirement {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(evidence, "evidence");
    }
}
