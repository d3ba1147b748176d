package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.fields.GpuFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NVLink recovery errors: a link that had to retrain since the driver loaded. CRC and replay
 * counts are not judged here: links correct them by retransmitting, and only their rate (which
 * one reading cannot give; the alert rules compute it) tells a sick link from a healthy one.
 */
public final class NvLinkErrorsCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        List<Finding> findings = new ArrayList<>();
        for (GpuReading gpu : DriverState.of(facts).inventory.gpus()) {
            double recovery = gpu.value(GpuFields.NVLINK_ERRORS + "recovery").orElse(0.0);
            if (recovery <= 0) {
                continue;
            }
            String counts = String.format(Locale.ROOT, "recovery %.0f, replay %.0f, CRC flit %.0f, CRC data %.0f",
                    recovery, count(gpu, "replay"), count(gpu, "crc_flit"), count(gpu, "crc_data"));
            findings.add(Finding.of(FindingCode.NVLINK_ERRORS, Severity.WARN)
                    .title("NVLinks of " + DriverState.describe(gpu) + " had to recover from errors "
                            + String.format(Locale.ROOT, "%.0f", recovery) + " times since the driver loaded")
                    .detail("A recovery retrains a link after errors it could not correct by replaying; traffic"
                            + " stalls meanwhile. Repeated recoveries point at a failing link, cable or board.")
                    .evidence("nvmlDeviceGetFieldValues", counts)
                    .fix("Watch nvidia_gpu_nvlink_errors_total; if recoveries keep growing, drain the node and run"
                            + " `dcgmi diag -r 2` (or reset the GPU with `nvidia-smi -r -i " + gpu.index()
                            + "`); a link that keeps failing needs service.")
                    .gpu(DriverState.findingGpu(gpu))
                    .build());
        }
        return findings;
    }

    private static double count(GpuReading gpu, String type) {
        return gpu.value(GpuFields.NVLINK_ERRORS + type).orElse(0.0);
    }
}
