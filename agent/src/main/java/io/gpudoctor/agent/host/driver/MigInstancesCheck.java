package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.nvml.MigMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MIG is enabled on a GPU that has no GPU instance: CUDA sees no device on it (error 100) while
 * nvidia-smi shows it fine. The instance folders are read from /proc because NVML cannot list
 * instances without extra privileges in some setups, and /proc is what the container toolkit uses.
 */
public final class MigInstancesCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        List<Finding> findings = new ArrayList<>();
        for (GpuReading gpu : s.inventory.gpus()) {
            if (!gpu.migMode().map(MigMode::current).orElse(false)) {
                continue;
            }
            int minor = gpu.minorNumber().orElse(gpu.index());
            Optional<Long> instances = s.mig.instances(minor);
            if (instances.isPresent() && instances.get() == 0) {
                findings.add(Finding.of(FindingCode.MIG_ENABLED_NO_INSTANCES, Severity.WARN)
                        .title("MIG is enabled on " + DriverState.describe(gpu) + " but it has no GPU instance")
                        .detail("With MIG on, CUDA only runs inside GPU and compute instances; with none, the GPU is"
                                + " invisible to CUDA (error 100, \"no CUDA-capable device\") although nvidia-smi"
                                + " lists it.")
                        .evidence("nvmlDeviceGetMigMode", "current enabled")
                        .evidence("/proc/driver/nvidia/capabilities/gpu" + minor + "/mig", "no gi* instance")
                        .fix("Create instances, e.g. `sudo nvidia-smi mig -i " + gpu.index() + " -cgi 9,9 -C` (see"
                                + " `nvidia-smi mig -lgip` for profiles), or disable MIG with `sudo nvidia-smi -i "
                                + gpu.index() + " -mig 0`; then regenerate the CDI spec (`sudo nvidia-ctk cdi"
                                + " generate --output=/var/run/cdi/nvidia.yaml`).")
                        .gpu(DriverState.findingGpu(gpu))
                        .build());
            }
        }
        return findings;
    }
}
