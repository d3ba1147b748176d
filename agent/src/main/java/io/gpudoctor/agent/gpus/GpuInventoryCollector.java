package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.nativecall.BoundedCaller;
import io.gpudoctor.nvml.Nvml;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the driver everything {@code gpu-doctor gpus} shows, every call bounded by a deadline so a
 * wedged driver yields a report that says so instead of a hung command.
 */
public final class GpuInventoryCollector {

    private final Duration callDeadline;
    private final Clock clock;

    public GpuInventoryCollector(Duration callDeadline, Clock clock) {
        this.callDeadline = callDeadline;
        this.clock = clock;
    }

    /** Collects, naming GPUs NVML cannot read from {@code host}'s files; never throws for anything the driver does. */
    public GpuInventory collect(DriverConnection driver, HostFileReader host) {
        try (BoundedCaller caller = new BoundedCaller("gpu-doctor-nvml", callDeadline)) {
            NvmlPart nvml = driver.nvml().map(n -> readNvml(n, caller))
                    .orElseGet(() -> new NvmlPart(DriverQueries.nvmlNotLoaded(), List.of()));
            GpuInventory.CudaState cuda;
            try (BoundedCaller cudaCaller = new BoundedCaller("gpu-doctor-cuda", callDeadline)) {
                cuda = driver.cuda().map(c -> DriverQueries.cuda(c, cudaCaller)).orElseGet(DriverQueries::cudaNotLoaded);
            }
            return DriverQueries.inventory(Instant.now(clock), driver, host, nvml.state(), cuda, nvml.gpus());
        }
    }

    private static NvmlPart readNvml(Nvml nvml, BoundedCaller caller) {
        String status = DriverQueries.init(nvml, caller);
        if (!status.equals(DriverQueries.NVML_SUCCESS)) {
            // The library's own version answers without a kernel module, so it is asked for in any case.
            NvmlSystem library = DriverQueries.libraryVersion(nvml, caller);
            return new NvmlPart(DriverQueries.nvmlState(status,
                    new NvmlSystem(library.driverVersion(), library.nvmlVersion(), library.cudaDriverVersion(),
                            library.deviceCount(), List.of())), List.of());
        }
        NvmlSystem system = DriverQueries.system(nvml, caller);
        List<GpuReading> gpus = new ArrayList<>();
        for (int i = 0; i < system.deviceCount().orElse(0); i++) {
            gpus.add(DriverQueries.gpu(nvml, i, caller));
        }
        DriverQueries.shutdown(nvml, caller);
        return new NvmlPart(DriverQueries.nvmlState(status, system), gpus);
    }

    private record NvmlPart(GpuInventory.NvmlState state, List<GpuReading> gpus) {
    }
}
