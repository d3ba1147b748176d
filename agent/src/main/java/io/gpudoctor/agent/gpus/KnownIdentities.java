package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.host.HostFileReader;
import io.gpudoctor.agent.host.driver.KernelModuleProbe;
import io.gpudoctor.agent.host.driver.ModuleGpu;
import io.gpudoctor.agent.host.driver.PciAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gives a GPU that NVML cannot name (lost, fallen off the bus) the identity the kernel module
 * registered for it in {@code /proc/driver/nvidia/gpus/<bus>/information}, so its series and
 * findings keep saying which board it is. NVML numbers GPUs in PCI bus order, so the registered
 * GPUs no reading claims, in bus order, are the unnamed readings, in index order; when the counts
 * differ the pairing is unsure and nothing is filled.
 */
public final class KnownIdentities {

    private KnownIdentities() {
    }

    /** The readings, each unnamed one with its registered identity where it can be told; the files are read only then. */
    public static List<GpuReading> fill(List<GpuReading> gpus, HostFileReader files) {
        List<GpuReading> unnamed = gpus.stream().filter(KnownIdentities::unnamed).toList();
        if (unnamed.isEmpty()) {
            return gpus;
        }
        Set<String> claimedUuids = new HashSet<>();
        Set<String> claimedBuses = new HashSet<>();
        gpus.stream().filter(g -> !unnamed(g)).forEach(g -> {
            g.uuid().ifPresent(claimedUuids::add);
            g.pciBusId().flatMap(PciAddress::key).ifPresent(claimedBuses::add);
        });
        List<ModuleGpu> unclaimed = KernelModuleProbe.gpus(files).stream()
                .filter(m -> m.uuid().filter(claimedUuids::contains).isEmpty())
                .filter(m -> m.busLocation().flatMap(PciAddress::key).filter(claimedBuses::contains).isEmpty())
                .sorted(Comparator.comparing(m -> m.busLocation().flatMap(PciAddress::key).orElse("")))
                .toList();
        if (unclaimed.size() != unnamed.size()) {
            return gpus;
        }
        List<GpuReading> filled = new ArrayList<>();
        int next = 0;
        for (GpuReading gpu : gpus) {
            if (unnamed(gpu)) {
                ModuleGpu known = unclaimed.get(next++);
                filled.add(gpu.withIdentity(known.uuid(), known.model(), known.busLocation()));
            } else {
                filled.add(gpu);
            }
        }
        return List.copyOf(filled);
    }

    private static boolean unnamed(GpuReading gpu) {
        return gpu.uuid().isEmpty() || gpu.pciBusId().isEmpty();
    }
}
