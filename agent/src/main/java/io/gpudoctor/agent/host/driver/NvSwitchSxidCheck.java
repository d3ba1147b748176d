package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.kmsg.SxidRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One finding per NVSwitch and SXid in the kernel log, with how often it occurred: fatal SXids
 * take the fabric (and the GPUs on it) down until a reset, non-fatal ones are corrected but
 * point at a link or switch going bad.
 */
final class NvSwitchSxidCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        Map<String, List<SxidRecord>> groups = new LinkedHashMap<>();
        for (SxidRecord x : s.kernelLog.events().sxids()) {
            groups.computeIfAbsent(x.nvswitch() + "/" + x.sxid(), k -> new ArrayList<>()).add(x);
        }
        List<Finding> findings = new ArrayList<>();
        groups.values().forEach(records -> {
            SxidRecord last = records.get(records.size() - 1);
            boolean fatal = records.stream().anyMatch(SxidRecord::fatal);
            findings.add(Finding.of(FindingCode.NVSWITCH_SXID, fatal ? Severity.ERROR : Severity.WARN)
                    .title((fatal ? "Fatal" : "Non-fatal") + " SXid " + last.sxid() + " on " + last.nvswitch()
                            + " (PCI " + last.pci() + "), " + records.size()
                            + (records.size() == 1 ? " time" : " times") + " in the kernel log")
                    .detail(fatal
                            ? "The NVSwitch reported an error it could not correct: the NVLink fabric, and the jobs"
                            + " using GPUs through it, fail until the GPUs and switches are reset."
                            : "The NVSwitch corrected an error; repeated ones point at a link or switch going bad.")
                    .evidence(s.kernelLog.source(), "last: " + last.nvswitch() + ": SXid (PCI:" + last.pci() + "): "
                            + last.sxid() + ", " + (last.fatal() ? "Fatal" : "Non-fatal") + ", " + last.message())
                    .fix(fatal
                            ? "Drain the node, then reset the GPUs and NVSwitches (reboot); look the SXid up in"
                            + " NVIDIA's Fabric Manager user guide and check `journalctl -u nvidia-fabricmanager`."
                            + " An SXid that returns after a reboot needs service."
                            : "Look the SXid up in NVIDIA's Fabric Manager user guide; if it keeps repeating, drain"
                            + " the node and run `dcgmi diag -r 3`.")
                    .build());
        });
        return findings;
    }
}
