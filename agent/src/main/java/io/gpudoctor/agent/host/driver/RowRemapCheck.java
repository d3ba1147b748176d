package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.nvml.RemappedRows;
import java.util.ArrayList;
import java.util.List;

/**
 * Row remapping (Ampere and later HBM parts): a failed remap means the board has run out of spare
 * rows and must be replaced. A pending one, which a reset completes, is {@code GPU_RESET_REQUIRED}'s.
 */
public final class RowRemapCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        List<Finding> findings = new ArrayList<>();
        for (GpuReading gpu : DriverState.of(facts).inventory.gpus()) {
            if (gpu.remappedRows().isEmpty()) {
                continue;
            }
            RemappedRows rows = gpu.remappedRows().get();
            String observed = "failed " + rows.failed() + ", pending " + rows.pending() + ", correctable "
                    + rows.correctable() + ", uncorrectable " + rows.uncorrectable();
            if (rows.failed()) {
                findings.add(Finding.of(FindingCode.ROW_REMAP_FAILURE, Severity.ERROR)
                        .title("Row remapping failed on " + DriverState.describe(gpu) + ": the GPU needs replacing")
                        .detail("The GPU could not remap a bad memory row because its spare rows are used up. Its"
                                + " memory can no longer be trusted.")
                        .evidence("nvmlDeviceGetRemappedRows", observed)
                        .fix("Drain the node, take the GPU out of service and file an RMA; `nvidia-smi -q -d"
                                + " ROW_REMAPPER -i " + gpu.index() + "` shows the state.")
                        .gpu(DriverState.findingGpu(gpu))
                        .build());
            }
        }
        return findings;
    }
}
