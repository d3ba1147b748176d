package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.CallError;
import io.gpudoctor.agent.gpus.GpuReading;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An NVML call, after NVML started, gave no answer within its deadline: the driver is wedged, and
 * whatever asks it (nvidia-smi, the device plugin, DCGM) hangs the same way. The GPU readings are
 * then as old as the last call that answered. A hang of {@code nvmlInit_v2} itself is left to
 * {@code NVML_INIT_FAILED}, which reports NVML's status.
 */
public final class NvmlHungCheck implements Check {

    static final String HUNG = "HUNG";
    /** Calls skipped behind the stuck one say so in their message; they are not hangs of their own. */
    private static final String SKIPPED = "skipped:";
    private static final int MAX_EVIDENCE = 3;

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        if (s.nvmlStatus().equals(HUNG)) {
            return List.of();
        }
        Set<String> hung = new LinkedHashSet<>();
        s.inventory.nvml().errors().stream().filter(NvmlHungCheck::hang)
                .forEach(e -> hung.add("nvml " + e.call() + ": " + e.message()));
        for (GpuReading gpu : s.inventory.gpus()) {
            gpu.errors().stream().filter(NvmlHungCheck::hang)
                    .forEach(e -> hung.add(DriverState.describe(gpu) + " " + e.call() + ": " + e.message()));
        }
        if (hung.isEmpty()) {
            return List.of();
        }
        Finding.Builder f = Finding.of(FindingCode.NVML_CALL_HUNG, Severity.ERROR)
                .title("The NVIDIA driver stopped answering: an NVML call did not return")
                .detail("A call into NVML gave no answer within its deadline. gpu-doctor abandoned it and shows"
                        + " the GPUs as last read; nvidia-smi, the device plugin and DCGM hang the same way until"
                        + " the driver recovers. A GPU that fell off the bus, a driver stuck after an Xid error"
                        + " or a kernel module being unloaded causes this.");
        hung.stream().limit(MAX_EVIDENCE).forEach(h -> f.evidence("NVML call deadline", h));
        return List.of(f.fix("The driver is wedged: look for Xid errors with `sudo dmesg | grep -i xid`, check whether"
                + " `timeout 10 nvidia-smi` answers, then drain the node and reboot it (or reset the GPU with"
                + " `sudo nvidia-smi -r -i <gpu>` once nothing runs on it).").build());
    }

    private static boolean hang(CallError e) {
        return e.error().equals(HUNG) && !e.message().startsWith(SKIPPED);
    }
}
