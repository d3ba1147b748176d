package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuReading;
import java.util.List;
import java.util.Set;

/**
 * Persistence mode is off on datacenter GPUs: the driver tears the GPU down whenever the last
 * client exits, so every job pays seconds of initialisation and ECC/row-remap state is re-read.
 * NVIDIA recommends nvidia-persistenced on every datacenter node; desktop cards are left alone.
 */
public final class PersistenceModeCheck implements Check {

    /** NVML brands of datacenter parts (A100/H100/L4 report NVIDIA, older ones Tesla). */
    private static final Set<String> DATACENTER = Set.of("TESLA", "NVIDIA");

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        List<GpuReading> off = s.inventory.gpus().stream()
                .filter(g -> g.persistenceMode().equals(java.util.Optional.of(false)))
                .filter(g -> g.brand().filter(DATACENTER::contains).isPresent())
                .toList();
        if (off.isEmpty()) {
            return List.of();
        }
        Finding.Builder f = Finding.of(FindingCode.PERSISTENCE_MODE_OFF, Severity.WARN)
                .title("Persistence mode is off on " + off.size() + " datacenter GPU(s)")
                .detail("Without persistence the driver deinitialises a GPU when its last client exits and"
                        + " initialises it again for the next one: each job start pays seconds, and monitoring"
                        + " calls can stall. NVIDIA recommends nvidia-persistenced on datacenter nodes.");
        off.forEach(g -> f.evidence("nvmlDeviceGetPersistenceMode", DriverState.describe(g) + ": disabled"));
        return List.of(f.fix("Enable the daemon: `sudo systemctl enable --now nvidia-persistenced` (or, until the"
                + " next reboot, `sudo nvidia-smi -pm 1`).").build());
    }
}
