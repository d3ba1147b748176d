package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.compat.CudaCompatibility;
import io.gpudoctor.agent.compat.DriverVersion;
import io.gpudoctor.agent.compat.GpuModel;
import io.gpudoctor.agent.compat.ToolkitRelease;
import io.gpudoctor.agent.compat.ToolkitVersion;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.host.driver.RunningDriver;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the container checks need from the host's driver. Each answer is empty when nothing said:
 * a check then stays silent rather than guess. The driver's version falls back from NVML to the
 * kernel module and then to the libraries' file names ({@link RunningDriver}).
 */
final class HostDriver {

    private HostDriver() {
    }

    /** The running driver's version and where it was read; empty when nothing said or it is not a version. */
    static Optional<Running> running(HostFacts host) {
        return RunningDriver.of(host).flatMap(r -> DriverVersion.tryParse(r.version()).map(v -> new Running(v, r.source(), r.fromNvml())));
    }

    /** The running driver's version. */
    static Optional<DriverVersion> version(HostFacts host) {
        return running(host).map(Running::version);
    }

    /**
     * The newest CUDA the host driver supports: NVML's answer; without NVML, the newest release the
     * running kernel module meets the minimum driver of, since cuDriverGetVersion answers for the
     * userspace libcuda, which may be of another driver than the running one; else cuDriverGetVersion.
     */
    static Optional<ToolkitVersion> supportedCuda(HostFacts host, CudaCompatibility compatibility) {
        Optional<GpuInventory> inventory = host.find(GpuInventory.class);
        return inventory.flatMap(inv -> inv.nvml().cudaDriverVersion()).flatMap(HostDriver::toolkit)
                .or(() -> running(host).filter(r -> !r.fromNvml()).flatMap(r -> newestNative(r.version(), compatibility)))
                .or(() -> inventory.flatMap(inv -> inv.cuda().driverVersion()).flatMap(HostDriver::toolkit));
    }

    /** The running driver's version, and the source an evidence line names. */
    record Running(DriverVersion version, String source, boolean fromNvml) {
    }

    private static Optional<ToolkitVersion> newestNative(DriverVersion driver, CudaCompatibility compatibility) {
        return compatibility.table().toolkitReleases().stream()
                .filter(release -> driver.isAtLeast(release.minimumLinuxDriver()))
                .max(Comparator.comparing(ToolkitRelease::minimumLinuxDriver))
                .map(ToolkitRelease::cuda);
    }

    /** The GPUs NVML listed; empty when none were read. */
    static List<GpuReading> gpus(HostFacts host) {
        return host.find(GpuInventory.class).map(GpuInventory::gpus).orElse(List.of());
    }

    /** The model of the host's first named GPU in the rules' catalog, for the forward-compatibility rule. */
    static Optional<GpuModel> gpuModel(HostFacts host, CudaCompatibility compatibility) {
        return gpus(host).stream().flatMap(g -> g.name().stream()).findFirst().flatMap(compatibility::gpuModel);
    }

    /** A CUDA version, or empty when the text is not one (a hostile or odd file). */
    static Optional<ToolkitVersion> toolkit(String text) {
        try {
            return Optional.of(ToolkitVersion.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
