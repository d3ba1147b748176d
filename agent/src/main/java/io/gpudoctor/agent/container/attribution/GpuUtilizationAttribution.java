package io.gpudoctor.agent.container.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Says how busy each container keeps each GPU, from NVML's per-process utilization samples. Pure,
 * like {@link GpuMemoryAttribution}, and in the same order: by GPU, then container id.
 *
 * <p>NVML samples each process's share of the SMs, so a container's share is the sum of its
 * processes'; it is capped at 1 because the driver's shares, taken at slightly different times, can
 * add up to a little over 100 %. A host process and a process whose origin is unknown belong to no
 * container.
 */
public final class GpuUtilizationAttribution {

    private GpuUtilizationAttribution() {
    }

    /**
     * @param samples one per process and GPU
     * @param origins who each pid is; a pid missing here belongs to no container
     */
    public static List<ContainerUtilization> containers(List<GpuProcessUtilization> samples,
                                                        Map<Long, ProcessOrigin> origins) {
        Map<Integer, Map<String, ContainerUtilization>> byGpu = new TreeMap<>();
        for (GpuProcessUtilization sample : samples) {
            Optional<WorkloadContainer> container =
                    origins.getOrDefault(sample.pid(), ProcessOrigin.UNKNOWN).container();
            container.ifPresent(c -> byGpu.computeIfAbsent(sample.gpu(), gpu -> new TreeMap<>()).merge(c.id(),
                    new ContainerUtilization(sample.gpu(), sample.uuid(), c, sample.smPercent() / 100.0),
                    (a, b) -> new ContainerUtilization(a.gpu(), a.uuid(), a.container(), a.smRatio() + b.smRatio())));
        }
        List<ContainerUtilization> rows = new ArrayList<>();
        byGpu.values().forEach(byId -> byId.values().forEach(c -> rows.add(
                new ContainerUtilization(c.gpu(), c.uuid(), c.container(), Math.min(1.0, c.smRatio())))));
        return List.copyOf(rows);
    }
}
