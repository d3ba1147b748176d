package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuReading;
import java.util.ArrayList;
import java.util.List;

/**
 * Uncorrectable ECC errors: since the driver loaded (volatile) they have killed programs and call
 * for a reset; only in the board's lifetime (aggregate) they are history worth watching.
 */
public final class EccCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        List<Finding> findings = new ArrayList<>();
        for (GpuReading gpu : DriverState.of(facts).inventory.gpus()) {
            long recent = gpu.eccErrors().getOrDefault("uncorrected.volatile", 0L);
            long lifetime = gpu.eccErrors().getOrDefault("uncorrected.aggregate", 0L);
            if (recent == 0 && lifetime == 0) {
                continue;
            }
            boolean current = recent > 0;
            findings.add(Finding.of(FindingCode.ECC_UNCORRECTABLE_ERRORS, current ? Severity.ERROR : Severity.WARN)
                    .title(DriverState.describe(gpu) + " has " + (current ? recent + " uncorrectable ECC error(s)"
                            + " since the driver loaded" : lifetime + " uncorrectable ECC error(s) in its lifetime"))
                    .detail(current
                            ? "Uncorrectable memory errors corrupt or kill the programs that hit them. The GPU needs a"
                            + " reset so that the bad memory is retired or remapped."
                            : "The errors are not recent, but a board that collects them is worth watching and"
                            + " replacing if the count grows.")
                    .evidence("nvmlDeviceGetTotalEccErrors", "uncorrected volatile " + recent + ", aggregate "
                            + lifetime)
                    .fix(current
                            ? "Drain the node and reset the GPU: `sudo nvidia-smi -r -i " + gpu.index() + "`; then"
                            + " check `nvidia-smi -q -d ECC,ROW_REMAPPER -i " + gpu.index() + "`."
                            : "Watch it with `nvidia-smi -q -d ECC -i " + gpu.index() + "` and plan a replacement if"
                            + " it grows.")
                    .gpu(DriverState.findingGpu(gpu))
                    .build());
        }
        return findings;
    }
}
