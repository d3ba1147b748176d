package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.ModuleGpu;
import io.gpudoctor.agent.gpus.PciAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fewer GPUs in NVML than the node should have: a GPU the driver failed to initialise, or one that
 * dropped out, leaves the node short while it still looks healthy. Two numbers say how many it
 * should have, and the larger counts: the operator's ({@code gpus.expected}, {@link ExpectedGpuCount}),
 * the only one that knows of a GPU gone from the PCI bus entirely; and the NVIDIA GPUs on the PCI
 * bus. A GPU the kernel module does not list (bound to vfio-pci for a VM, or to no driver), or lists
 * as excluded ({@code NVreg_ExcludedGpus}), is not expected in NVML; that is only known when the
 * module's list could be read.
 */
public final class GpuCountCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        Optional<Integer> counted = s.inventory.nvml().deviceCount();
        // Without NVML's count nothing is compared, and nothing is said to be fine: NVML's own findings say why.
        if (!s.nvmlWorks() || counted.isEmpty()) {
            return List.of();
        }
        Optional<ExpectedGpuCount> configured = facts.find(ExpectedGpuCount.class);
        Optional<List<PciDevice>> onBus = s.pci.scanned() ? Optional.of(expectedOnBus(s)) : Optional.empty();
        int fromBus = onBus.map(List::size).orElse(0);
        int fromConfig = configured.map(ExpectedGpuCount::count).orElse(0);
        int seen = counted.get();
        if (seen >= Math.max(fromBus, fromConfig)) {
            return List.of();
        }
        Finding.Builder finding = Finding.of(FindingCode.GPU_COUNT_BELOW_EXPECTED, Severity.ERROR)
                .evidence("nvmlDeviceGetCount_v2", String.valueOf(seen));
        configured.ifPresent(c -> finding.evidence(c.source(), c.count() + " GPU(s) expected"));
        finding.evidence(PciDevicesProbe.DEVICES, onBus.map(gpus -> busView(s, gpus))
                .orElse("not readable: the GPUs on the PCI bus are not counted"));
        boolean busShort = fromBus > seen;
        // Expected beyond what the bus shows: only the operator's number knows these GPUs.
        Optional<ExpectedGpuCount> offBus = configured.filter(c -> c.count() > Math.max(fromBus, seen));
        List<String> causes = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        if (busShort) {
            causes.add("a GPU that the driver failed to initialise, or that dropped out, is missing from NVML");
            fixes.add("Look for `RmInitAdapter failed` or Xid 79 in `dmesg`; reboot the node, and if the GPU stays"
                    + " missing, reseat or replace it.");
        }
        offBus.ifPresent(c -> {
            causes.add(onBus.isPresent()
                    ? "fewer GPUs are on the PCI bus than expected, as when one fell off the bus (Xid 79) and stayed"
                    + " off after a reboot, or is unseated or without power"
                    : "the PCI bus could not be read, so only the expected count shows GPUs missing");
            fixes.add("For a GPU gone from the PCI bus, look for Xid 79 or `fallen off the bus` in the previous boot's"
                    + " kernel log (`journalctl -k -b -1`) and power-cycle the node; reseat or replace it if it stays"
                    + " missing. If the node has only " + Math.max(fromBus, seen) + " GPUs, correct " + c.source()
                    + ".");
        });
        String causesText = String.join("; and ", causes);
        return List.of(finding
                .title("NVML sees " + seen + " GPUs, but " + (busShort
                        ? configured.filter(c -> c.count() >= fromBus)
                                .map(c -> c.count() + " are expected by " + c.source() + " and ").orElse("")
                                + fromBus + " NVIDIA GPUs are on the PCI bus"
                        : offBus.orElseThrow().count() + " are expected by " + offBus.orElseThrow().source()))
                .detail(Character.toUpperCase(causesText.charAt(0)) + causesText.substring(1) + ": the node offers"
                        + " fewer GPUs than it has, and jobs sized for all of them do not fit.")
                .fix(String.join(" ", fixes))
                .build());
    }

    /** The NVIDIA GPUs on the bus that NVML should read: those the module drives and does not exclude. */
    private static List<PciDevice> expectedOnBus(DriverState s) {
        Set<String> moduleGpus = addresses(s.module.gpus());
        Set<String> excluded = addresses(s.module.gpus().stream().filter(ModuleGpu::excluded).toList());
        return s.pci.gpus().stream()
                .filter(d -> moduleGpus.isEmpty() || PciAddress.key(d.address()).map(moduleGpus::contains).orElse(true))
                .filter(d -> PciAddress.key(d.address()).map(k -> !excluded.contains(k)).orElse(true))
                .toList();
    }

    private static String busView(DriverState s, List<PciDevice> expected) {
        Set<String> read = s.inventory.gpus().stream().map(GpuReading::pciBusId).flatMap(Optional::stream)
                .map(PciAddress::key).flatMap(Optional::stream).collect(Collectors.toSet());
        String unread = expected.stream().map(PciDevice::address)
                .filter(a -> PciAddress.key(a).map(k -> !read.contains(k)).orElse(true))
                .collect(Collectors.joining(", "));
        return expected.size() + " GPU(s) (class 0x0300/0x0302, vendor 0x10de)"
                + (s.module.gpus().isEmpty() ? "" : " bound to the nvidia module")
                + (unread.isEmpty() ? "" : "; not read through NVML: " + unread);
    }

    private static Set<String> addresses(List<ModuleGpu> gpus) {
        return gpus.stream().map(ModuleGpu::busLocation).flatMap(Optional::stream).map(PciAddress::key)
                .flatMap(Optional::stream).collect(Collectors.toSet());
    }
}
