package io.gpudoctor.agent.compat;

import io.gpudoctor.nvml.ComputeCapability;
import java.util.List;
import java.util.Optional;

/**
 * When CUDA and the driver stopped (or started) supporting a GPU architecture. A GPU is supported
 * by CUDA X.Y when {@code introducedInCuda <= X.Y < removedInCuda}, and by a driver whose branch is
 * at most {@code lastDriverBranch}.
 */
public record ArchitectureSupport(String name, List<ComputeCapability> computeCapabilities,
        Optional<ToolkitVersion> introducedInCuda, Optional<ToolkitVersion> removedInCuda,
        Optional<ToolkitVersion> lastCuda, Optional<Integer> lastDriverBranch, List<String> sources) {

    public ArchitectureSupport {
        // Absent keys arrive as null from the YAML file.
        computeCapabilities = List.copyOf(computeCapabilities);
        introducedInCuda = introducedInCuda == null ? Optional.empty() : introducedInCuda;
        removedInCuda = removedInCuda == null ? Optional.empty() : removedInCuda;
        lastCuda = lastCuda == null ? Optional.empty() : lastCuda;
        lastDriverBranch = lastDriverBranch == null ? Optional.empty() : lastDriverBranch;
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public boolean includes(ComputeCapability capability) {
        return computeCapabilities.contains(capability);
    }

    public boolean supportedBy(ToolkitVersion cuda) {
        return introducedInCuda.map(first -> cuda.compareMinorRelease(first) >= 0).orElse(true)
                && removedInCuda.map(removed -> cuda.compareMinorRelease(removed) < 0).orElse(true);
    }

    public boolean supportedBy(DriverVersion driver) {
        return lastDriverBranch.map(last -> driver.branch() <= last).orElse(true);
    }
}
