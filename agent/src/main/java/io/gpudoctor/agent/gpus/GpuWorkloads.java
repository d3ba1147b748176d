package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.container.attribution.Attribution;
import io.gpudoctor.agent.container.attribution.GpuMemoryAttribution;
import io.gpudoctor.agent.container.attribution.GpuProcessUse;
import io.gpudoctor.agent.container.attribution.GpuProcessUtilization;
import io.gpudoctor.agent.container.attribution.GpuUtilizationAttribution;
import io.gpudoctor.agent.container.attribution.ProcessOrigin;
import io.gpudoctor.agent.container.attribution.ProcessOriginReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Adds to an inventory whose its GPU processes are: each process's name and container, and each
 * container's memory per GPU. Every process keeps its line in {@code gpus}: the top-N bound is for
 * metric series, not for a person reading one node.
 */
public final class GpuWorkloads {

    private GpuWorkloads() {
    }

    /** The inventory with its processes attributed, reading the host only for the pids NVML reported. */
    public static GpuInventory attribute(GpuInventory inventory, ProcessOriginReader reader) {
        return attribute(inventory, reader, GpuMemoryAttribution.DEFAULT_TOP_PROCESSES).inventory();
    }

    /**
     * The inventory with its processes attributed, and the attribution the workload metrics are made
     * of, its per-process rows bounded to {@code topProcesses} per GPU.
     */
    public static Attributed attribute(GpuInventory inventory, ProcessOriginReader reader, int topProcesses) {
        return attribute(inventory, reader, topProcesses, List.of());
    }

    /**
     * As {@link #attribute(GpuInventory, ProcessOriginReader, int)}, with each container's SM
     * utilization from NVML's per-process samples as well.
     */
    public static Attributed attribute(GpuInventory inventory, ProcessOriginReader reader, int topProcesses,
                                       List<GpuProcessUtilization> utilization) {
        List<GpuProcessUse> uses = inventory.gpus().stream()
                .flatMap(g -> g.processes().stream().map(p -> new GpuProcessUse(g.index(), g.uuid().orElse(""),
                        p.pid(), p.usedMemoryBytes())))
                .toList();
        Map<Long, ProcessOrigin> origins = reader.read(Stream.concat(uses.stream().map(GpuProcessUse::pid),
                utilization.stream().map(GpuProcessUtilization::pid)).distinct().toList());
        List<GpuReading> gpus = inventory.gpus().stream()
                .map(g -> g.withProcesses(g.processes().stream().map(p -> {
                    ProcessOrigin origin = origins.getOrDefault(p.pid(), ProcessOrigin.UNKNOWN);
                    return p.withOrigin(origin.name(), origin.container());
                }).toList()))
                .toList();
        Attribution attribution = new GpuMemoryAttribution(topProcesses).attribute(uses, origins)
                .withContainerUtilization(GpuUtilizationAttribution.containers(utilization, origins));
        return new Attributed(inventory.withWorkloads(gpus, attribution.containers()), attribution);
    }

    /** An inventory whose processes say whose they are, and the same as metric rows. */
    public record Attributed(GpuInventory inventory, Attribution attribution) {
    }
}
