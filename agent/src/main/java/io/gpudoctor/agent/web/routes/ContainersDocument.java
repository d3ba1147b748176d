package io.gpudoctor.agent.web.routes;

import io.gpudoctor.agent.collect.GpuSnapshot;
import io.gpudoctor.agent.container.attribution.ContainerMemory;
import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/containers}: the containers using GPUs, each with its memory on every GPU, as of
 * the latest collection.
 *
 * @param collectedAt when the collection that saw them finished
 */
public record ContainersDocument(String schema, String collectedAt, List<Container> containers) {

    public static final String SCHEMA = "gpu-doctor/containers/v1";

    /**
     * A container and its GPU memory.
     *
     * @param usedMemoryBytes the sum over its GPUs (a lower bound when a process's memory was unknown)
     */
    public record Container(String id, String runtime, Optional<String> name, Optional<String> pod,
                            Optional<String> namespace, long usedMemoryBytes, List<GpuUse> gpus) {
    }

    /** One container's use of one GPU. */
    public record GpuUse(int gpu, String uuid, long usedMemoryBytes, int processes, int processesWithUnknownMemory) {
    }

    /** The document of a snapshot: containers in the attribution's order (by GPU, then id), each once. */
    public static ContainersDocument of(GpuSnapshot snapshot) {
        Map<String, List<ContainerMemory>> byId = new LinkedHashMap<>();
        for (ContainerMemory memory : snapshot.attribution().containers()) {
            byId.computeIfAbsent(memory.container().id(), id -> new ArrayList<>()).add(memory);
        }
        List<Container> containers = new ArrayList<>();
        for (List<ContainerMemory> uses : byId.values()) {
            WorkloadContainer c = uses.get(0).container();
            List<GpuUse> gpus = uses.stream().map(m -> new GpuUse(m.gpu(), m.uuid(), m.usedMemoryBytes(),
                    m.processes(), m.processesWithUnknownMemory())).toList();
            containers.add(new Container(c.id(), c.runtime(), c.name(), c.pod(), c.namespace(),
                    gpus.stream().mapToLong(GpuUse::usedMemoryBytes).sum(), gpus));
        }
        return new ContainersDocument(SCHEMA, snapshot.collectedAt().toString(), List.copyOf(containers));
    }
}
