package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.gpus.DriverQueries;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.container.HostView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a diagnosis asked for before the first collection finished stands on: no driver view at
 * all, said plainly, rather than a wait on the driver or a guess.
 */
final class NotCollectedYet {

    /** The NVML status and cuInit result a diagnosis shows before the first collection. */
    static final String STATUS = "NOT_COLLECTED_YET";

    private NotCollectedYet() {
    }

    /** An inventory that knows nothing of the driver yet and says so. */
    static GpuInventory inventory(DriverConnection driver, HostView host, Instant now) {
        GpuInventory.NvmlState nvml = new GpuInventory.NvmlState(STATUS,
                "The daemon has not finished its first collection yet.", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());
        GpuInventory.CudaState cuda = new GpuInventory.CudaState(STATUS,
                "The daemon has not finished its first collection yet.", Optional.empty(), Optional.empty(),
                List.of());
        return DriverQueries.inventory(now, driver, host.files(), nvml, cuda, List.of());
    }

    /** The finding that says the host part of the diagnosis is missing, and why. */
    static Finding finding() {
        return Finding.of(FindingCode.CHECK_FAILED, Severity.WARN)
                .title("The GPUs have not been collected yet, so the host was not checked")
                .detail("gpu-doctor started moments ago and has not finished reading the GPUs. This diagnosis"
                        + " holds the container's findings only; the driver and host checks need the GPUs' view"
                        + " and run once the first collection finished.")
                .evidence("collection", "no collection finished yet")
                .fix("Ask again in a few seconds: /readyz answers 200 once the first collection finished.")
                .build();
    }
}
