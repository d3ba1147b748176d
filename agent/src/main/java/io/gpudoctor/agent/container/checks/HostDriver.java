package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.compat.CudaCompatibility;
import io.gpudoctor.agent.compat.DriverVersion;
import io.gpudoctor.agent.compat.GpuModel;
import io.gpudoctor.agent.compat.ToolkitVersion;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuReading;

import java.util.List;
import java.util.Optional;

/**
 * What the container checks need from the host's GPU inventory. Each answer is empty when the
 * inventory was not probed or NVML did not say: a check then stays silent rather than guess.
 */
final class HostDriver {

    private HostDriver() {
    }

    /** The host driver's version, as NVML reports it. */
    static Optional<DriverVersion> version(HostFacts host) {
        return host.find(GpuInventory.class).flatMap(inv -> inv.nvml().driverVersion()).flatMap(DriverVersion::tryParse);
    }

    /** The newest CUDA the host driver supports, from NVML or else cuDriverGetVersion. */
    static Optional<ToolkitVersion> supportedCuda(HostFacts host) {
        return host.find(GpuInventory.class)
                .flatMap(inv -> inv.nvml().cudaDriverVersion().or(() -> inv.cuda().driverVersion()))
                .flatMap(HostDriver::toolkit);
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
