package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.gpus.PciAddress;
import io.gpudoctor.agent.host.kmsg.XidCatalog;
import io.gpudoctor.agent.host.kmsg.XidMeaning;
import io.gpudoctor.agent.host.kmsg.XidRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One finding per GPU and Xid in the kernel log, with how often it occurred, the last message and
 * what it means. Xid 79 is left to {@code GPU_LOST}, which says more about it.
 */
public final class XidCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        Map<String, List<XidRecord>> groups = new LinkedHashMap<>();
        for (XidRecord x : s.kernelLog.events().xids()) {
            if (x.xid() != 79) {
                String gpu = PciAddress.key(x.pci()).orElse(x.pci());
                groups.computeIfAbsent(gpu + "/" + x.xid(), k -> new ArrayList<>()).add(x);
            }
        }
        List<Finding> findings = new ArrayList<>();
        groups.values().forEach(records -> {
            XidRecord last = records.get(records.size() - 1);
            XidMeaning meaning = XidCatalog.meaning(last.xid());
            String gpu = s.describeGpuAt(last.pci());
            String index = s.readingAt(last.pci()).map(g -> String.valueOf(g.index())).orElse(last.pci());
            findings.add(Finding.of(FindingCode.XID_ERROR, meaning.severity())
                    .title("Xid " + last.xid() + " (" + meaning.name() + ") on " + gpu + ", " + records.size()
                            + (records.size() == 1 ? " time" : " times") + " in the kernel log")
                    .detail("The NVIDIA driver reported Xid " + last.xid() + ": " + meaning.name() + "."
                            + (meaning.applicationFault()
                            ? " This is usually caused by the program on the GPU, not by the GPU itself."
                            : " This points at the GPU or its driver, not at a program."))
                    .evidence(s.kernelLog.source(), "last: NVRM: Xid (PCI:" + last.pci() + "): " + last.xid() + ", "
                            + last.message())
                    .evidence(s.kernelLog.source(), records.size() + " occurrence(s) since boot")
                    .fix(meaning.advice().replace("<gpu>", index))
                    .gpu(s.findingGpuAt(last.pci()))
                    .build());
        });
        return findings;
    }
}
