package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.container.attribution.ContainerMemory;
import io.gpudoctor.agent.driver.LibraryReport;
import java.util.List;
import java.util.Optional;

/**
 * The answer of {@code gpu-doctor gpus}: how the driver libraries were found, what NVML and the
 * CUDA driver API said, and every GPU. {@code verdict} says in one sentence what it all means.
 *
 * @param source     {@code host} or {@code simulated:<scenario>}
 * @param containers each container's memory per GPU; empty until the host was read for whose processes they are
 */
public record GpuInventory(
        String schema,
        String generatedAt,
        String source,
        String rootfs,
        Libraries libraries,
        NvmlState nvml,
        CudaState cuda,
        List<GpuReading> gpus,
        List<ContainerMemory> containers,
        String verdict) {

    public static final String SCHEMA = "gpu-doctor/gpus/v1";

    /** What the driver alone says: no process is attributed to a container yet. */
    public GpuInventory(String schema, String generatedAt, String source, String rootfs, Libraries libraries,
                        NvmlState nvml, CudaState cuda, List<GpuReading> gpus, String verdict) {
        this(schema, generatedAt, source, rootfs, libraries, nvml, cuda, gpus, List.of(), verdict);
    }

    /** The same inventory with GPUs whose processes are attributed, and the containers' totals. */
    public GpuInventory withWorkloads(List<GpuReading> attributed, List<ContainerMemory> totals) {
        return new GpuInventory(schema, generatedAt, source, rootfs, libraries, nvml, cuda, List.copyOf(attributed),
                List.copyOf(totals), verdict);
    }

    /** Both libraries' reports. */
    public record Libraries(LibraryReport nvml, LibraryReport cuda) {
    }

    /**
     * @param status            {@code NVML_SUCCESS}, the init error's name, {@code HUNG}, or
     *                          {@code LIBRARY_NOT_LOADED} when there was no library to call
     * @param cudaDriverVersion the CUDA version the driver supports, as NVML reports it ("12.2")
     */
    public record NvmlState(String status, String meaning, Optional<String> driverVersion,
                            Optional<String> nvmlVersion, Optional<String> cudaDriverVersion,
                            Optional<Integer> deviceCount, List<CallError> errors) {
    }

    /**
     * @param initResult    the name of cuInit's result, or {@code LIBRARY_NOT_LOADED}
     * @param driverVersion from cuDriverGetVersion ("12.2"); answers even without a kernel module
     */
    public record CudaState(String initResult, String meaning, Optional<String> driverVersion,
                            Optional<Integer> deviceCount, List<CallError> errors) {
    }
}
