package io.gpudoctor.agent.container.facts;

import java.util.List;
import java.util.Objects;

/**
 * The {@code .note.cuda.fwd_compatibility} note of a forward-compat {@code libcuda}
 * ({@code {"CUDA version":"12.9","driver":[535,550,570],...}}): the CUDA version it brings and the
 * host driver branches it runs on. A host driver branch not listed makes CUDA error 803 or 804 likely.
 *
 * @param cudaVersion    the CUDA version the library provides
 * @param driverBranches the host driver major versions it supports
 */
public record ForwardCompatNote(String cudaVersion, List<Integer> driverBranches) {

    public ForwardCompatNote {
        Objects.requireNonNull(cudaVersion, "cudaVersion");
        driverBranches = List.copyOf(driverBranches);
    }
}
