package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.fields.FieldSample;
import io.gpudoctor.agent.gpus.fields.GpuFields;
import java.util.ArrayList;
import java.util.List;

/**
 * NVLinks that are not active. A board whose links are all inactive on a host without NVSwitches
 * is taken for a PCIe card without its bridges (nothing to connect), not for a failure; a GPU with
 * some links up and others down, or any inactive link where NVSwitches are on the PCI bus, is one.
 */
public final class NvLinkDownCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        boolean switched = !s.pci.nvSwitches().isEmpty();
        List<Finding> findings = new ArrayList<>();
        for (GpuReading gpu : s.inventory.gpus()) {
            List<FieldSample> links = gpu.samples(GpuFields.NVLINK_UP);
            List<String> down = links.stream().filter(l -> l.value() == 0).map(l -> l.labels().get("link")).toList();
            boolean someUp = down.size() < links.size();
            if (down.isEmpty() || !(someUp || switched)) {
                continue;
            }
            findings.add(Finding.of(FindingCode.NVLINK_DOWN, Severity.ERROR)
                    .title(down.size() + " of " + links.size() + " NVLinks of " + DriverState.describe(gpu)
                            + " are down")
                    .detail("Traffic between this GPU and its peers falls back to the remaining links (or to PCIe),"
                            + " so multi-GPU jobs run slower or fail; NCCL and the fabric manager may refuse the GPU.")
                    .evidence("nvmlDeviceGetNvLinkState", "inactive links: " + String.join(", ", down))
                    .evidence("/sys/bus/pci/devices", s.pci.nvSwitches().size() + " NVSwitch(es) on the PCI bus")
                    .fix("Check `nvidia-smi nvlink --status -i " + gpu.index() + "` and the fabric manager log;"
                            + " drain the node and reset the GPU (`nvidia-smi -r -i " + gpu.index() + "`) or reboot."
                            + " A link that stays down after a reset is a hardware fault: file an RMA.")
                    .gpu(DriverState.findingGpu(gpu))
                    .build());
        }
        return findings;
    }
}
