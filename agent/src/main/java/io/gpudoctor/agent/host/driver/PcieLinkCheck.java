package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.fields.GpuFields;
import io.gpudoctor.nvml.ClockEventReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A PCIe link running below what the GPU and its slot support. Width is judged always: GPUs keep
 * their lanes when idle, so fewer lanes than the maximum is a bad seat, riser or slot. Generation
 * is judged only under load: an idle GPU trains its link down to gen 1 to save power, which is
 * normal and must not be reported.
 */
public final class PcieLinkCheck implements Check {

    /** Utilization from which a GPU is surely out of its idle power state, so its link runs at full speed. */
    static final int BUSY_PERCENT = 50;

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        List<Finding> findings = new ArrayList<>();
        for (GpuReading gpu : DriverState.of(facts).inventory.gpus()) {
            Optional<Integer> width = whole(gpu, GpuFields.PCIE_WIDTH);
            Optional<Integer> maxWidth = whole(gpu, GpuFields.PCIE_MAX_WIDTH);
            Optional<Integer> generation = whole(gpu, GpuFields.PCIE_GENERATION);
            Optional<Integer> maxGeneration = whole(gpu, GpuFields.PCIE_MAX_GENERATION);
            boolean narrow = width.isPresent() && maxWidth.isPresent() && width.get() > 0
                    && width.get() < maxWidth.get();
            boolean slow = busy(gpu) && generation.isPresent() && maxGeneration.isPresent() && generation.get() > 0
                    && generation.get() < maxGeneration.get();
            if (!narrow && !slow) {
                continue;
            }
            String observed = "gen " + generation.map(String::valueOf).orElse("?") + " of "
                    + maxGeneration.map(String::valueOf).orElse("?") + ", x" + width.map(String::valueOf).orElse("?")
                    + " of x" + maxWidth.map(String::valueOf).orElse("?") + ", utilization "
                    + gpu.utilizationGpuPercent().map(u -> u + "%").orElse("unknown");
            findings.add(Finding.of(FindingCode.PCIE_LINK_DEGRADED, Severity.WARN)
                    .title("The PCIe link of " + DriverState.describe(gpu) + " runs at "
                            + (narrow ? "x" + width.get() + " instead of x" + maxWidth.get()
                            : "gen " + generation.get() + " instead of gen " + maxGeneration.get() + " under load"))
                    .detail("Host-to-GPU transfers (data loading, checkpoints, GPUDirect) get a fraction of the"
                            + " bandwidth the slot supports. Fewer lanes usually mean a badly seated board, riser or"
                            + " cable; a lower generation under load, signal problems that made the link train down.")
                    .evidence("nvmlDeviceGetCurrPcieLinkWidth/Generation", observed)
                    .fix("Check `nvidia-smi -q -d PCIE -i " + gpu.index() + "` and `lspci -vv` (LnkSta vs LnkCap);"
                            + " reseat the board or riser, check the BIOS slot settings, then reboot.")
                    .gpu(DriverState.findingGpu(gpu))
                    .build());
        }
        return findings;
    }

    private static boolean busy(GpuReading gpu) {
        boolean idle = gpu.clockEventReasons().map(r -> r.contains(ClockEventReason.GPU_IDLE.name())).orElse(false);
        return !idle && gpu.utilizationGpuPercent().orElse(0) >= BUSY_PERCENT;
    }

    private static Optional<Integer> whole(GpuReading gpu, String field) {
        return gpu.value(field).map(Double::intValue);
    }
}
