package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.proc.ProcessTable;
import java.util.List;
import java.util.Optional;

/**
 * An NVSwitch system without a running fabric manager: the GPUs show in nvidia-smi, but CUDA
 * answers 802 ("system not yet initialized") until the NVLink fabric is set up.
 */
public final class FabricManagerCheck implements Check {

    static final String PROCESS = "nv-fabricmanager";

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        if (!notRunning(s, facts)) {
            return List.of();
        }
        String major = s.module.version().or(() -> s.inventory.nvml().driverVersion())
                .map(v -> v.split("\\.")[0]).orElse("<driver major>");
        Finding.Builder f = Finding.of(FindingCode.FABRIC_MANAGER_NOT_RUNNING, Severity.ERROR)
                .title("NVSwitch system without a running fabric manager: CUDA fails with error 802")
                .detail("On HGX/DGX boards the GPUs talk through NVSwitches, which nvidia-fabricmanager must"
                        + " configure before any CUDA program can start; until then cuInit or the first"
                        + " allocation fails with \"system not yet initialized\". Its version must equal the"
                        + " driver's.");
        s.pci.nvSwitches().forEach(d -> f.evidence("/sys/bus/pci/devices/" + d.address(), String.format("NVSwitch (class 0x%06x)",
                d.classCode())));
        if (s.module.majors().containsKey("nvidia-nvswitch")) {
            f.evidence("/proc/devices", "nvidia-nvswitch major " + s.module.majors().get("nvidia-nvswitch"));
        }
        return List.of(f.evidence("/proc/*/comm", "no " + PROCESS + " process")
                .fix("Install and start the matching version: `sudo apt-get install nvidia-fabricmanager-" + major
                        + "` and `sudo systemctl enable --now nvidia-fabricmanager`; `journalctl -u"
                        + " nvidia-fabricmanager` says why it stopped.")
                .build());
    }

    /** NVSwitches are present and no nv-fabricmanager runs; false when the process table is unknown. */
    static boolean notRunning(DriverState s, HostFacts facts) {
        boolean nvSwitch = !s.pci.nvSwitches().isEmpty() || s.module.majors().containsKey("nvidia-nvswitch")
                || s.nodes.anyStartingWith("/dev/nvidia-nvswitch");
        Optional<ProcessTable> processes = facts.find(ProcessTable.class);
        return nvSwitch && processes.isPresent() && !processes.get().running(PROCESS);
    }
}
