package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.hostfs.HostFileReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Gives a GPU that NVML cannot name (lost, fallen off the bus) the identity the kernel module
 * registered for it in {@code /proc/driver/nvidia/gpus/<bus>/information}, so its series and
 * findings keep saying which board it is. NVML numbers the GPUs it lists in PCI bus order, so a run
 * of unnamed GPUs lies, in bus order, between the buses of its named neighbours; the registered
 * GPUs no reading claims in that interval are theirs, paired in order, when there are exactly as
 * many; otherwise (a GPU NVML does not list at all may sit there too) nothing is guessed.
 */
public final class KnownIdentities {

    private KnownIdentities() {
    }

    /** The readings, each unnamed one with its registered identity where it can be told; the files are read only then. */
    public static List<GpuReading> fill(List<GpuReading> gpus, HostFileReader files) {
        if (gpus.stream().noneMatch(KnownIdentities::unnamed)) {
            return gpus;
        }
        Set<String> claimedUuids = new HashSet<>();
        Set<String> claimedBuses = new HashSet<>();
        gpus.stream().filter(g -> !unnamed(g)).forEach(g -> {
            g.uuid().ifPresent(claimedUuids::add);
            bus(g).ifPresent(claimedBuses::add);
        });
        List<ModuleGpu> unclaimed = ModuleGpus.read(files).stream()
                .filter(m -> m.uuid().filter(claimedUuids::contains).isEmpty())
                .filter(m -> m.busLocation().flatMap(PciAddress::key).filter(claimedBuses::contains).isEmpty())
                .toList();
        List<GpuReading> filled = new ArrayList<>(gpus);
        int i = 0;
        while (i < gpus.size()) {
            if (!unnamed(gpus.get(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < gpus.size() && unnamed(gpus.get(end))) {
                end++;
            }
            List<ModuleGpu> inside = between(unclaimed, namedBus(gpus, i, -1), namedBus(gpus, end - 1, 1));
            if (inside.size() == end - i) {
                for (int k = i; k < end; k++) {
                    ModuleGpu known = inside.get(k - i);
                    filled.set(k, gpus.get(k).withIdentity(known.uuid(), known.model(), known.busLocation()));
                }
            }
            i = end;
        }
        return List.copyOf(filled);
    }

    /** The unclaimed GPUs whose bus lies strictly between {@code below} and {@code above} (empty: unbounded), in bus order. */
    private static List<ModuleGpu> between(List<ModuleGpu> unclaimed, Optional<String> below, Optional<String> above) {
        return unclaimed.stream()
                .filter(m -> m.busLocation().flatMap(PciAddress::key)
                        .filter(b -> below.map(low -> b.compareTo(low) > 0).orElse(true))
                        .filter(b -> above.map(high -> b.compareTo(high) < 0).orElse(true))
                        .isPresent())
                .sorted(Comparator.comparing(m -> m.busLocation().flatMap(PciAddress::key).orElse("")))
                .toList();
    }

    /** The bus of the nearest GPU NVML named from index {@code from}, going {@code step}. */
    private static Optional<String> namedBus(List<GpuReading> gpus, int from, int step) {
        for (int i = from + step; i >= 0 && i < gpus.size(); i += step) {
            if (!unnamed(gpus.get(i))) {
                return bus(gpus.get(i));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> bus(GpuReading gpu) {
        return gpu.pciBusId().flatMap(PciAddress::key);
    }

    private static boolean unnamed(GpuReading gpu) {
        return gpu.uuid().isEmpty() || gpu.pciBusId().isEmpty();
    }
}
