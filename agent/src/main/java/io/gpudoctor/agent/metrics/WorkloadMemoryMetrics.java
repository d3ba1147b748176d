package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.GpuSnapshot;
import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.container.attribution.Attribution;
import io.gpudoctor.agent.container.attribution.ContainerMemory;
import io.gpudoctor.agent.container.attribution.OtherProcesses;
import io.gpudoctor.agent.container.attribution.ProcessMemory;
import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whose GPU memory and time is whose: {@code nvidia_gpu_process_memory_used_bytes{gpu, uuid, pid, process,
 * container_id, container, pod, namespace}} and {@code nvidia_gpu_container_memory_used_bytes{gpu,
 * uuid, runtime, container_id, container, pod, namespace}}. A host process has empty container
 * labels. {@code nvidia_gpu_container_utilization_ratio} (same labels as the container memory) is
 * the SM utilization of a container's processes; a container without a sample this cycle has no row.
 *
 * <p>Process rows are bounded to the top N per GPU (the attribution's bound). What the bound cuts
 * is one more row of the same metric with {@code pid="other"} and empty process and container
 * labels, so that {@code sum by (gpu)} still adds up to every process's memory, however small N.
 *
 * <p>Memory NVML could not tell is never shown as 0: a process of unknown memory has no row, and a
 * container or the "other" row only has one when at least one of its processes' memory is known
 * (its value is then the known part, a lower bound).
 */
final class WorkloadMemoryMetrics extends StateBinder {

    /** The {@code pid} of the row that sums the processes beyond the per-GPU bound. */
    public static final String OTHER_PROCESSES_PID = "other";

    public WorkloadMemoryMetrics(Supplier<NodeState> state) {
        super(state, List.of(
                MeterSpec.gauge("nvidia.gpu.process.memory.used", Units.BYTES,
                        "GPU memory used by a process (top N per GPU; pid=\"other\" sums the rest).",
                        WorkloadMemoryMetrics::processes),
                MeterSpec.gauge("nvidia.gpu.container.memory.used", Units.BYTES,
                        "GPU memory used by a container's processes on a GPU.",
                        WorkloadMemoryMetrics::containers),
                MeterSpec.gauge("nvidia.gpu.container.utilization", Units.RATIO,
                        "SM utilization of a container's processes on a GPU (NVML's per-process samples), 0-1.",
                        WorkloadMemoryMetrics::containerUtilization)));
    }

    private static Optional<Attribution> attribution(NodeState state) {
        return state.gpus().map(GpuSnapshot::attribution);
    }

    private static List<MeterSpec.Row> processes(NodeState state) {
        List<MeterSpec.Row> rows = new ArrayList<>();
        attribution(state).ifPresent(a -> {
            for (ProcessMemory p : a.processes()) {
                p.usedMemoryBytes().ifPresent(bytes -> rows.add(new MeterSpec.Row(
                        processTags(p.gpu(), p.uuid(), Long.toString(p.pid()), p.process(), p.container()), bytes)));
            }
            for (OtherProcesses other : a.others()) {
                if (other.processes() > other.processesWithUnknownMemory()) {
                    rows.add(new MeterSpec.Row(processTags(other.gpu(), other.uuid(), OTHER_PROCESSES_PID, "",
                            Optional.empty()), other.usedMemoryBytes()));
                }
            }
        });
        return rows;
    }

    private static List<MeterSpec.Row> containers(NodeState state) {
        List<MeterSpec.Row> rows = new ArrayList<>();
        attribution(state).ifPresent(a -> {
            for (ContainerMemory c : a.containers()) {
                if (c.processes() > c.processesWithUnknownMemory()) {
                    rows.add(new MeterSpec.Row(GpuRows.tags(c.gpu(), c.uuid())
                            .and("runtime", c.container().runtime())
                            .and(containerTags(Optional.of(c.container()))), c.usedMemoryBytes()));
                }
            }
        });
        return rows;
    }

    private static List<MeterSpec.Row> containerUtilization(NodeState state) {
        List<MeterSpec.Row> rows = new ArrayList<>();
        attribution(state).ifPresent(a -> a.containerUtilization().forEach(c -> rows.add(new MeterSpec.Row(
                GpuRows.tags(c.gpu(), c.uuid()).and("runtime", c.container().runtime())
                        .and(containerTags(Optional.of(c.container()))), c.smRatio()))));
        return rows;
    }

    private static Tags processTags(int gpu, String uuid, String pid, String process,
                                    Optional<WorkloadContainer> container) {
        return GpuRows.tags(gpu, uuid).and("pid", pid).and("process", process).and(containerTags(container));
    }

    /** The labels every container-scoped series shares; empty text for a host process. */
    static Tags containerTags(Optional<WorkloadContainer> container) {
        return Tags.of(
                "container_id", container.map(WorkloadContainer::id).orElse(""),
                "container", container.flatMap(WorkloadContainer::name).orElse(""),
                "pod", container.flatMap(WorkloadContainer::pod).orElse(""),
                "namespace", container.flatMap(WorkloadContainer::namespace).orElse(""));
    }
}
