package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.fields.GpuFields;
import io.gpudoctor.nvml.RemappedRows;
import java.util.ArrayList;
import java.util.List;

/**
 * A memory repair that takes effect only at the next GPU reset: a page waiting to be retired
 * (pre-Ampere boards) or a row waiting to be remapped (Ampere and later). A failed remap is
 * {@code ROW_REMAP_FAILURE}'s, not this check's: no reset fixes it.
 */
public final class GpuResetRequiredCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        List<Finding> findings = new ArrayList<>();
        for (GpuReading gpu : DriverState.of(facts).inventory.gpus()) {
            boolean pagePending = gpu.value(GpuFields.RETIRED_PAGES_PENDING).map(v -> v > 0).orElse(false);
            boolean rowPending = gpu.remappedRows().map(r -> r.pending() && !r.failed()).orElse(false);
            if (!pagePending && !rowPending) {
                continue;
            }
            Finding.Builder finding = Finding.of(FindingCode.GPU_RESET_REQUIRED, Severity.WARN)
                    .title(DriverState.describe(gpu) + " needs a reset to " + (rowPending ? "remap a bad memory row"
                            : "retire a bad memory page"))
                    .detail("The GPU found a bad memory location and will stop using it at the next GPU reset;"
                            + " until then the location stays in use and may fail again.");
            if (rowPending) {
                RemappedRows rows = gpu.remappedRows().orElseThrow();
                finding.evidence("nvmlDeviceGetRemappedRows", "pending true, correctable " + rows.correctable()
                        + ", uncorrectable " + rows.uncorrectable());
            }
            if (pagePending) {
                finding.evidence("nvmlDeviceGetFieldValues(NVML_FI_DEV_RETIRED_PENDING)", "pending retirement 1");
            }
            findings.add(finding
                    .fix("When the GPU is idle, drain it and reset it: `sudo nvidia-smi -r -i " + gpu.index()
                            + "` (or reboot the node).")
                    .gpu(DriverState.findingGpu(gpu))
                    .build());
        }
        return findings;
    }
}
