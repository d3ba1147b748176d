package io.gpudoctor.agent.compat;

import io.gpudoctor.nvml.ComputeCapability;
import java.util.List;
import java.util.Optional;

/**
 * When CUDA and the driver started and stopped supporting a GPU architecture. A GPU is supported
 * by CUDA X.Y when {@code introducedInCuda <= X.Y < removedInCuda}, and by a driver whose branch lies
 * between {@code firstDriverBranch} and {@code lastDriverBranch}; an absent bound is open.
 */
public record ArchitectureSupport(String name, List<ComputeCapability> computeCapabilities,
        Optional<ToolkitVersion> introducedInCuda, Optional<ToolkitVersion> removedInCuda,
        Optional<ToolkitVersion> lastCuda, Optional<Integer> firstDriverBranch, Optional<Integer> lastDriverBranch,
        List<String> sources) {

    public ArchitectureSupport {
        // Absent keys arrive as null from the YAML file.
        computeCapabilities = List.copyOf(computeCapabilities);
        introducedInCuda = introducedInCuda == null ? Optional.empty() : introducedInCuda;
        removedInCuda = removedInCuda == null ? Optional.empty() : removedInCuda;
        lastCuda = lastCuda == null ? Optional.empty() : lastCuda;
        firstDriverBranch = firstDriverBranch == null ? Optional.empty() : firstDriverBranch;
        lastDriverBranch = lastDriverBranch == null ? Optional.empty() : lastDriverBranch;
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public boolean includes(ComputeCapability capability) {
        return computeCapabilities.contains(capability);
    }

    public boolean supportedBy(ToolkitVersion cuda) {
        return !predates(cuda) && !droppedBy(cuda);
    }

    /** Whether the CUDA release is older than the architecture. */
    public boolean predates(ToolkitVersion cuda) {
        return introducedInCuda.map(first -> cuda.compareMinorRelease(first) < 0).orElse(false);
    }

    /** Whether the CUDA release came after support for the architecture was removed. */
    public boolean droppedBy(ToolkitVersion cuda) {
        return removedInCuda.map(removed -> cuda.compareMinorRelease(removed) >= 0).orElse(false);
    }

    public boolean supportedBy(DriverVersion driver) {
        return !predates(driver) && !droppedBy(driver);
    }

    /** Whether the driver's branch is older than the first one that drives the architecture. */
    public boolean predates(DriverVersion driver) {
        return firstDriverBranch.map(first -> driver.branch() < first).orElse(false);
    }

    /** Whether the driver's branch is newer than the last one that drives the architecture. */
    public boolean droppedBy(DriverVersion driver) {
        return lastDriverBranch.map(last -> driver.branch() > last).orElse(false);
    }

    /** The newest CUDA minor release the architecture may use, capped by {@code ceiling}. */
    ToolkitVersion cap(ToolkitVersion ceiling) {
        return lastCuda.filter(last -> last.compareMinorRelease(ceiling) < 0).orElse(ceiling);
    }
}
