package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.FindingGpu;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.CallError;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.PciAddress;
import io.gpudoctor.agent.host.kmsg.GpuLogEvent;
import io.gpudoctor.agent.host.kmsg.XidRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GPU fell off the bus or stopped responding: NVML says GPU_IS_LOST, or the kernel log has Xid
 * 79, a "fallen off the bus" report or a failed adapter initialisation. A kernel log report about
 * a GPU that NVML now reads normally is history (the GPU was reset), so it is a warning only.
 */
public final class GpuLostCheck implements Check {

    static final String GPU_IS_LOST = "NVML_ERROR_GPU_IS_LOST";
    private static final String UNKNOWN_ADDRESS = "?";
    private static final String FIX = "Drain the node, then reset the GPU with `sudo nvidia-smi -r -i <gpu>`"
            + " or reboot; check its power, cooling and PCIe seating (`sudo lspci -vvv -d 10de:` for AER errors),"
            + " and have it replaced if it happens again.";

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        List<Finding> findings = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        Optional<String> lostAddress = onlyLostAddressNvmlCannotName(s);
        for (GpuReading gpu : s.inventory.gpus()) {
            Optional<CallError> lost = gpu.errors().stream().filter(e -> e.error().equals(GPU_IS_LOST)).findFirst();
            if (lost.isPresent()) {
                Optional<String> busId = gpu.pciBusId().or(() -> lostAddress);
                busId.flatMap(PciAddress::key).ifPresent(reported::add);
                Finding.Builder f = lost(DriverState.describe(gpu) + " is lost: NVML cannot reach it", Severity.ERROR)
                        .evidence("nvmlDevice " + lost.get().call(), lost.get().error());
                busId.ifPresent(b -> kernelEvidence(s, b, f));
                findings.add(f.fix(FIX.replace("<gpu>", String.valueOf(gpu.index())))
                        .gpu(FindingGpu.of(gpu.index(), gpu.uuid(), busId)).build());
            }
        }
        if (s.nvmlStatus().equals(GPU_IS_LOST)) {
            findings.add(lost("A GPU is lost: NVML cannot start", Severity.ERROR)
                    .evidence("nvmlInit_v2", GPU_IS_LOST).fix(FIX).build());
        }
        fromKernelLog(s).forEach((key, events) -> {
            if (reported.contains(key)) {
                return;
            }
            String address = events.get(0).address();
            boolean answering = !key.equals(UNKNOWN_ADDRESS) && s.readingAt(address)
                    .filter(g -> g.errors().stream().noneMatch(e -> e.error().equals(GPU_IS_LOST))).isPresent();
            String gpu = key.equals(UNKNOWN_ADDRESS) ? "A GPU" : s.describeGpuAt(address);
            Finding.Builder f = answering
                    ? lost(gpu + " fell off the bus or failed earlier since boot; NVML reads it now", Severity.WARN)
                    : lost(gpu + " fell off the bus or failed to initialise", Severity.ERROR);
            events.forEach(e -> f.evidence(s.kernelLog.source(), e.message()));
            String index = s.readingAt(address).map(g -> String.valueOf(g.index())).orElse("<gpu>");
            if (!key.equals(UNKNOWN_ADDRESS)) {
                f.gpu(s.findingGpuAt(address));
            }
            findings.add(f.fix(FIX.replace("<gpu>", index)).build());
        });
        return findings;
    }

    /**
     * A lost GPU cannot tell NVML its PCI address. When exactly one GPU is lost that way and the
     * kernel log names exactly one lost address no readable GPU has, they are the same GPU: one
     * finding, not two.
     */
    private static Optional<String> onlyLostAddressNvmlCannotName(DriverState s) {
        long unnamed = s.inventory.gpus().stream()
                .filter(g -> g.pciBusId().isEmpty())
                .filter(g -> g.errors().stream().anyMatch(e -> e.error().equals(GPU_IS_LOST)))
                .count();
        List<String> unread = fromKernelLog(s).entrySet().stream()
                .filter(e -> !e.getKey().equals(UNKNOWN_ADDRESS))
                .map(e -> e.getValue().get(0).address())
                .filter(address -> s.readingAt(address).isEmpty())
                .toList();
        return unnamed == 1 && unread.size() == 1 ? Optional.of(unread.get(0)) : Optional.empty();
    }

    private static Finding.Builder lost(String title, Severity severity) {
        return Finding.of(FindingCode.GPU_LOST, severity)
                .title(title)
                .detail("The GPU stopped answering on PCIe (Xid 79, \"fallen off the bus\") or the driver could not"
                        + " initialise it (RmInitAdapter failed). Programs on it have failed, and it stays unusable"
                        + " until it is reset or the node reboots. Power, heat, PCIe risers and failing boards are"
                        + " the usual causes.");
    }

    private static void kernelEvidence(DriverState s, String busId, Finding.Builder f) {
        Optional<String> key = PciAddress.key(busId);
        fromKernelLog(s).getOrDefault(key.orElse(UNKNOWN_ADDRESS), List.of())
                .forEach(e -> f.evidence(s.kernelLog.source(), e.message()));
    }

    /** Kernel log reports by GPU address key, oldest first. */
    private static Map<String, List<Event>> fromKernelLog(DriverState s) {
        Map<String, List<Event>> events = new LinkedHashMap<>();
        for (XidRecord x : s.kernelLog.events().xids()) {
            if (x.xid() == 79) {
                add(events, Optional.of(x.pci()), "Xid (PCI:" + x.pci() + "): 79, " + x.message());
            }
        }
        for (GpuLogEvent e : s.kernelLog.events().fellOffBus()) {
            add(events, e.pci(), e.message());
        }
        for (GpuLogEvent e : s.kernelLog.events().rmInitFailures()) {
            add(events, e.pci(), e.message());
        }
        return events;
    }

    private static void add(Map<String, List<Event>> events, Optional<String> address, String message) {
        String key = address.flatMap(PciAddress::key).orElse(UNKNOWN_ADDRESS);
        events.computeIfAbsent(key, k -> new ArrayList<>()).add(new Event(address.orElse(UNKNOWN_ADDRESS), message));
    }

    private record Event(String address, String message) {
    }
}
