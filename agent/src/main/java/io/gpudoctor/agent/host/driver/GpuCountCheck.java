package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.ModuleGpu;
import io.gpudoctor.agent.gpus.PciAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fewer GPUs in NVML than NVIDIA GPUs on the PCI bus: a GPU the driver failed to initialise, or
 * one that dropped out, leaves the node short while it still looks healthy. A GPU the kernel
 * module does not list (bound to vfio-pci for a VM, or to no driver), or lists as excluded
 * ({@code NVreg_ExcludedGpus}), is not expected in NVML; that is only known when the module's
 * list could be read.
 */
public final class GpuCountCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        Optional<Integer> counted = s.inventory.nvml().deviceCount();
        if (!s.nvmlWorks() || counted.isEmpty() || !s.pci.scanned()) {
            return List.of();
        }
        Set<String> moduleGpus = addresses(s.module.gpus());
        Set<String> excluded = addresses(s.module.gpus().stream().filter(ModuleGpu::excluded).toList());
        List<PciDevice> expected = s.pci.gpus().stream()
                .filter(d -> moduleGpus.isEmpty() || PciAddress.key(d.address()).map(moduleGpus::contains).orElse(true))
                .filter(d -> PciAddress.key(d.address()).map(k -> !excluded.contains(k)).orElse(true))
                .toList();
        if (counted.get() >= expected.size()) {
            return List.of();
        }
        Set<String> read = s.inventory.gpus().stream().map(GpuReading::pciBusId).flatMap(Optional::stream)
                .map(PciAddress::key).flatMap(Optional::stream).collect(Collectors.toSet());
        String unread = expected.stream().map(PciDevice::address)
                .filter(a -> PciAddress.key(a).map(k -> !read.contains(k)).orElse(true))
                .collect(Collectors.joining(", "));
        return List.of(Finding.of(FindingCode.GPU_COUNT_BELOW_EXPECTED, Severity.ERROR)
                .title("NVML sees " + counted.get() + " GPUs, but " + expected.size()
                        + " NVIDIA GPUs are on the PCI bus")
                .detail("A GPU that the driver failed to initialise, or that dropped out, is missing from NVML: the"
                        + " node offers fewer GPUs than it has, and jobs sized for all of them do not fit.")
                .evidence("nvmlDeviceGetCount_v2", String.valueOf(counted.get()))
                .evidence(PciDevicesProbe.DEVICES, expected.size() + " GPU(s) (class 0x0300/0x0302, vendor 0x10de)"
                        + (moduleGpus.isEmpty() ? "" : " bound to the nvidia module")
                        + (unread.isEmpty() ? "" : "; not read through NVML: " + unread))
                .fix("Look for `RmInitAdapter failed` or Xid 79 in `dmesg`; reboot the node, and if the GPU stays"
                        + " missing, reseat or replace it.")
                .build());
    }

    private static Set<String> addresses(List<ModuleGpu> gpus) {
        return gpus.stream().map(ModuleGpu::busLocation).flatMap(Optional::stream).map(PciAddress::key)
                .flatMap(Optional::stream).collect(Collectors.toSet());
    }
}
