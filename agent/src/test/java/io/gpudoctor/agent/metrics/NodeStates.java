package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.ContainerFindings;
import io.gpudoctor.agent.collect.GpuFreshness;
import io.gpudoctor.agent.collect.GpuSnapshot;
import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.collect.XidCount;
import io.gpudoctor.agent.container.attribution.Attribution;
import io.gpudoctor.agent.container.attribution.ContainerMemory;
import io.gpudoctor.agent.container.attribution.OtherProcesses;
import io.gpudoctor.agent.container.attribution.ProcessMemory;
import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Variations of a scenario's daemon state, for tests of what changes between two scrapes: a GPU or
 * a container gone, a GPU gone stale, counters grown, findings of containers.
 */
public final class NodeStates {

    private NodeStates() {
    }

    /** The state without the GPU of this index: its reading, freshness, processes and containers. */
    public static NodeState withoutGpu(NodeState state, int gpu) {
        GpuSnapshot s = state.gpus().orElseThrow();
        Attribution a = s.attribution();
        return withSnapshot(state, new GpuSnapshot(
                s.inventory().withWorkloads(keep(s.inventory().gpus(), g -> g.index() != gpu),
                        keep(s.inventory().containers(), c -> c.gpu() != gpu)),
                new Attribution(keep(a.processes(), p -> p.gpu() != gpu), keep(a.containers(), c -> c.gpu() != gpu),
                        keep(a.others(), o -> o.gpu() != gpu)),
                keep(s.freshness(), f -> f.gpu() != gpu), keep(s.xids(), x -> x.gpu() != gpu), s.status()));
    }

    /** The state without the container of this id: its processes and its totals. */
    public static NodeState withoutContainer(NodeState state, String containerId) {
        GpuSnapshot s = state.gpus().orElseThrow();
        Attribution a = s.attribution();
        Predicate<Optional<WorkloadContainer>> other = c -> c.map(w -> !w.id().equals(containerId)).orElse(true);
        return withAttribution(state, new Attribution(keep(a.processes(), p -> other.test(p.container())),
                keep(a.containers(), c -> !c.container().id().equals(containerId)), a.others()));
    }

    /** The state with another attribution, the inventory's GPUs as they were. */
    public static NodeState withAttribution(NodeState state, Attribution attribution) {
        GpuSnapshot s = state.gpus().orElseThrow();
        return withSnapshot(state, new GpuSnapshot(s.inventory(), attribution, s.freshness(), s.xids(), s.status()));
    }

    /** The state with one more process row and per-GPU "other" rows added to the attribution. */
    public static NodeState withProcesses(NodeState state, List<ProcessMemory> processes, List<ContainerMemory> containers,
                                          List<OtherProcesses> others) {
        Attribution a = state.gpus().orElseThrow().attribution();
        return withAttribution(state, new Attribution(concat(a.processes(), processes),
                concat(a.containers(), containers), concat(a.others(), others)));
    }

    /** The state whose GPU of this index was last read at {@code readAt}, because {@code reason}. */
    public static NodeState stale(NodeState state, int gpu, Instant readAt, String reason) {
        GpuSnapshot s = state.gpus().orElseThrow();
        List<GpuFreshness> freshness = s.freshness().stream()
                .map(f -> f.gpu() == gpu ? new GpuFreshness(gpu, f.uuid(), readAt, Optional.of(reason)) : f)
                .toList();
        return withSnapshot(state, new GpuSnapshot(s.inventory(), s.attribution(), freshness, s.xids(), s.status()));
    }

    /** The state with these Xid counts. */
    public static NodeState withXids(NodeState state, List<XidCount> xids) {
        GpuSnapshot s = state.gpus().orElseThrow();
        return withSnapshot(state, new GpuSnapshot(s.inventory(), s.attribution(), s.freshness(), xids, s.status()));
    }

    /** The state with its GPU of this index changed. */
    public static NodeState withGpu(NodeState state, int gpu, UnaryOperator<GpuReading> change) {
        GpuSnapshot s = state.gpus().orElseThrow();
        GpuInventory inventory = s.inventory();
        List<GpuReading> gpus = inventory.gpus().stream().map(g -> g.index() == gpu ? change.apply(g) : g).toList();
        return withSnapshot(state, new GpuSnapshot(inventory.withWorkloads(gpus, inventory.containers()),
                s.attribution(), s.freshness(), s.xids(), s.status()));
    }

    /** The state with these container findings. */
    public static NodeState withContainerFindings(NodeState state, List<ContainerFindings> containers) {
        return new NodeState(state.gpus(), state.host(), containers, state.memoryHistory());
    }

    /** A GPU reading with energy, ECC and fan changed, everything else as it was. */
    public static GpuReading reading(GpuReading g, Optional<Double> energyJoules,
                                     Map<String, Long> eccErrors, Optional<Integer> fanSpeedPercent) {
        return new GpuReading(g.index(), g.uuid(), g.name(), g.serial(), g.brand(), g.architecture(), g.minorNumber(),
                g.pciBusId(), g.pciDeviceId(), g.computeCapability(), g.memory(), g.utilizationGpuPercent(),
                g.utilizationMemoryPercent(), g.temperatureCelsius(), g.powerUsageWatts(), g.powerLimitWatts(),
                energyJoules, g.clocksMhz(), fanSpeedPercent, g.pcieKilobytesPerSecond(), eccErrors, g.remappedRows(),
                g.clockEventReasons(), g.persistenceMode(), g.computeMode(), g.migMode(), g.migInstances(), g.fields(),
                g.processes(),
                g.errors());
    }

    /** A container as the runtimes name it. */
    public static WorkloadContainer container(String id, String name, String pod, String namespace) {
        return new WorkloadContainer(id, "containerd", Optional.of(name), Optional.of(pod), Optional.of(namespace));
    }

    /** The state whose NVML did not answer nvmlSystemGetDriverVersion, everything else as it was. */
    public static NodeState withoutNvmlDriverVersion(NodeState state) {
        GpuSnapshot s = state.gpus().orElseThrow();
        GpuInventory i = s.inventory();
        GpuInventory.NvmlState n = i.nvml();
        GpuInventory unanswered = new GpuInventory(i.schema(), i.generatedAt(), i.source(), i.rootfs(), i.libraries(),
                new GpuInventory.NvmlState(n.status(), n.meaning(), Optional.empty(), n.nvmlVersion(),
                        n.cudaDriverVersion(), n.deviceCount(), n.errors()), i.cuda(), i.gpus(), i.containers(),
                i.verdict());
        return withSnapshot(state, new GpuSnapshot(unanswered, s.attribution(), s.freshness(), s.xids(), s.status()));
    }

    private static NodeState withSnapshot(NodeState state, GpuSnapshot snapshot) {
        return new NodeState(Optional.of(snapshot), state.host(), state.containers(), state.memoryHistory());
    }

    private static <T> List<T> keep(List<T> items, Predicate<T> keep) {
        return items.stream().filter(keep).toList();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
