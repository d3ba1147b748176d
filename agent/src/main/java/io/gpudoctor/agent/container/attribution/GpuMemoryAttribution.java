package io.gpudoctor.agent.container.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Says whose GPU memory is whose: per process (with its container) and per container, per GPU.
 * Pure: it reads nothing, so the same readings always give the same answer in the same order.
 *
 * <p>Per-process rows are bounded to the top N per GPU by memory, because every pid is a new
 * metric series and a node running thousands of short jobs would otherwise flood the time-series
 * database; what is cut is summed per GPU into {@link OtherProcesses}. Container totals are taken
 * over every process, not just the top N, so they stay right however small N is.
 *
 * <p>NVML lists a process that has both compute and graphics contexts on a GPU twice, with the same
 * memory; it is counted once, with the larger figure, so it is not double-counted.
 */
public final class GpuMemoryAttribution {

    /** The design's default bound on per-process rows per GPU. */
    public static final int DEFAULT_TOP_PROCESSES = 32;

    /** Largest first; a process of unknown memory after every known one; then by pid, for a stable order. */
    private static final Comparator<GpuProcessUse> BY_MEMORY = Comparator
            .comparing((GpuProcessUse u) -> u.usedMemoryBytes().orElse(-1L), Comparator.reverseOrder())
            .thenComparingLong(GpuProcessUse::pid);

    private final int topProcesses;

    /** @param topProcesses how many processes per GPU get a row of their own; 0 sums them all into "other" */
    public GpuMemoryAttribution(int topProcesses) {
        if (topProcesses < 0) {
            throw new IllegalArgumentException("top processes must not be negative: " + topProcesses);
        }
        this.topProcesses = topProcesses;
    }

    /**
     * @param uses    what NVML reported, in any order
     * @param origins who each pid is; a pid missing here is taken as {@link ProcessOrigin#UNKNOWN}
     */
    public Attribution attribute(List<GpuProcessUse> uses, Map<Long, ProcessOrigin> origins) {
        Map<Integer, Map<Long, GpuProcessUse>> byGpu = new TreeMap<>();
        for (GpuProcessUse use : uses) {
            byGpu.computeIfAbsent(use.gpu(), gpu -> new TreeMap<>()).merge(use.pid(), use, GpuMemoryAttribution::larger);
        }
        List<ProcessMemory> processes = new ArrayList<>();
        List<ContainerMemory> containers = new ArrayList<>();
        List<OtherProcesses> others = new ArrayList<>();
        byGpu.forEach((gpu, byPid) -> {
            List<GpuProcessUse> sorted = byPid.values().stream().sorted(BY_MEMORY).toList();
            List<GpuProcessUse> top = sorted.subList(0, Math.min(topProcesses, sorted.size()));
            for (GpuProcessUse use : top) {
                ProcessOrigin origin = origins.getOrDefault(use.pid(), ProcessOrigin.UNKNOWN);
                processes.add(new ProcessMemory(gpu, use.uuid(), use.pid(), origin.name().orElse(""),
                        origin.container(), use.usedMemoryBytes()));
            }
            List<GpuProcessUse> rest = sorted.subList(top.size(), sorted.size());
            if (!rest.isEmpty()) {
                Tally tally = new Tally();
                rest.forEach(tally::add);
                others.add(new OtherProcesses(gpu, rest.get(0).uuid(), tally.processes, tally.bytes, tally.unknown));
            }
            containers.addAll(containerTotals(sorted, origins));
        });
        return new Attribution(processes, containers, others);
    }

    private static List<ContainerMemory> containerTotals(List<GpuProcessUse> uses, Map<Long, ProcessOrigin> origins) {
        Map<String, Tally> byId = new TreeMap<>();
        Map<String, WorkloadContainer> labels = new TreeMap<>();
        for (GpuProcessUse use : uses) {
            Optional<WorkloadContainer> container = origins.getOrDefault(use.pid(), ProcessOrigin.UNKNOWN).container();
            container.ifPresent(c -> {
                labels.putIfAbsent(c.id(), c);
                byId.computeIfAbsent(c.id(), id -> new Tally()).add(use);
            });
        }
        List<ContainerMemory> totals = new ArrayList<>();
        byId.forEach((id, tally) -> totals.add(new ContainerMemory(tally.gpu, tally.uuid, labels.get(id), tally.bytes,
                tally.processes, tally.unknown)));
        return totals;
    }

    private static GpuProcessUse larger(GpuProcessUse a, GpuProcessUse b) {
        return b.usedMemoryBytes().orElse(-1L) > a.usedMemoryBytes().orElse(-1L) ? b : a;
    }

    /** Known bytes and unknown processes kept apart, so unknown never reads as zero. */
    private static final class Tally {
        private int gpu;
        private String uuid = "";
        private long bytes;
        private int processes;
        private int unknown;

        void add(GpuProcessUse use) {
            gpu = use.gpu();
            uuid = use.uuid();
            processes++;
            use.usedMemoryBytes().ifPresentOrElse(b -> bytes += b, () -> unknown++);
        }
    }
}
