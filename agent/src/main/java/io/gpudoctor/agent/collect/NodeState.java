package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.host.driver.RunningDriver;
import java.util.List;
import java.util.Optional;

/**
 * Everything the daemon serves, as of now: the latest GPU snapshot, the latest host diagnosis,
 * the findings of the watched containers (those that use or asked for a GPU), and recent memory
 * for the chart. Immutable; a new one
 * replaces it whenever a collection or a diagnosis finishes.
 *
 * @param gpus          empty until the first collection cycle finished ({@code /readyz} answers 503 until then)
 * @param host          the host diagnosis (no container part), empty until the first one finished
 * @param containers    one entry per watched container diagnosed so far, by container id
 * @param memoryHistory oldest first, bounded
 */
public record NodeState(Optional<GpuSnapshot> gpus, Optional<Diagnosis> host, List<ContainerFindings> containers,
                        List<MemorySample> memoryHistory) {

    /** The source of a driver version the host diagnosis read from the kernel module's files. */
    public static final String KERNEL_MODULE = "kernel module";

    public NodeState {
        containers = List.copyOf(containers);
        memoryHistory = List.copyOf(memoryHistory);
    }

    /** The state before anything was collected. */
    public static NodeState empty() {
        return new NodeState(Optional.empty(), Optional.empty(), List.of(), List.of());
    }

    /**
     * The driver the node runs: NVML's version, else the kernel module's as the host diagnosis read
     * it, else the libraries' file names; empty until something said.
     */
    public Optional<RunningDriver> driver() {
        return RunningDriver.of(gpus.map(GpuSnapshot::inventory), host.flatMap(d -> d.host().driver().kernelModuleVersion())
                .map(v -> new RunningDriver(v, KERNEL_MODULE)));
    }

    /** Whether the first collection has finished: the daemon is then ready to be scraped. */
    public boolean ready() {
        return gpus.isPresent();
    }
}
