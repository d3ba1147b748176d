package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.MigGpuInstance;
import io.gpudoctor.agent.gpus.fields.FieldSource;
import io.gpudoctor.agent.gpus.fields.GpuField;
import io.gpudoctor.agent.gpus.fields.GpuFields;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The GPU instances of MIG GPUs, in families of their own so that no sum mixes a whole GPU with
 * its instances: {@code nvidia_gpu_mig_info} (value 1 per compute instance, the MIG device CUDA
 * sees, its {@code mig_uuid} in a label), the instance's memory
 * ({@code nvidia_gpu_mig_memory_{total,used,free}_bytes}), and each GPM field of the table
 * ({@link GpuFields}) per instance, {@code nvidia_gpu_sm_active_ratio} becoming
 * {@code nvidia_gpu_mig_sm_active_ratio}. Series carry the GPU's labels, {@code gpu_instance} and
 * {@code mig_profile}. {@code nvidia_gpu_mig_container_sm_active_ratio} gives an instance's SM
 * activity to the one container whose processes run in it, with the container's labels.
 */
final class MigMetrics extends StateBinder {

    private static final String GPU_PREFIX = "nvidia.gpu.";
    private static final String MIG_PREFIX = "nvidia.gpu.mig.";

    MigMetrics(Supplier<NodeState> state) {
        super(state, specs());
    }

    private static List<MeterSpec> specs() {
        List<MeterSpec> specs = new ArrayList<>();
        specs.add(MeterSpec.gauge("nvidia.gpu.mig.info", Units.NONE,
                "Each MIG device (a compute instance of a GPU instance), its UUID in mig_uuid; value 1.",
                MigMetrics::info));
        specs.add(memory("total", "Memory the MIG GPU instance has.", GpuReading.Memory::totalBytes));
        specs.add(memory("used", "Memory of the MIG GPU instance in use.", GpuReading.Memory::usedBytes));
        specs.add(memory("free", "Memory of the MIG GPU instance free for allocation.",
                GpuReading.Memory::freeBytes));
        GpuFields.ALL.stream().filter(f -> f.source() instanceof FieldSource.Gpm).map(MigMetrics::gpm)
                .forEach(specs::add);
        specs.add(MeterSpec.gauge("nvidia.gpu.mig.container.sm.active", Units.RATIO,
                "SM activity of a MIG GPU instance whose processes all belong to this container (GPM), 0-1 of the"
                        + " instance's SMs; none where containers share the instance or a process's container is"
                        + " unknown.",
                MigMetrics::containerActivity));
        return specs;
    }

    /** The MIG family of a GPM field of the table: its name under {@code nvidia.gpu.mig.}, its unit and help. */
    static String familyOf(GpuField field) {
        if (!field.metric().startsWith(GPU_PREFIX)) {
            throw new IllegalArgumentException(field.key() + ": a GPM field's metric starts with " + GPU_PREFIX);
        }
        return MIG_PREFIX + field.metric().substring(GPU_PREFIX.length());
    }

    private static MeterSpec gpm(GpuField field) {
        return MeterSpec.gauge(familyOf(field), field.unit(), field.help() + " Per MIG GPU instance.",
                state -> rows(state, gi -> gi.value(field.key())));
    }

    private static MeterSpec memory(String kind, String help, Function<GpuReading.Memory, Long> value) {
        return MeterSpec.gauge("nvidia.gpu.mig.memory." + kind, Units.BYTES, help,
                state -> rows(state, gi -> gi.memory().map(value)));
    }

    private static List<MeterSpec.Row> rows(NodeState state, Function<MigGpuInstance, Optional<? extends Number>> value) {
        List<MeterSpec.Row> rows = new ArrayList<>();
        for (GpuReading gpu : GpuRows.gpus(state)) {
            for (MigGpuInstance gi : gpu.migInstances()) {
                value.apply(gi).ifPresent(v -> rows.add(new MeterSpec.Row(tags(gpu, gi), v.doubleValue())));
            }
        }
        return rows;
    }

    private static List<MeterSpec.Row> info(NodeState state) {
        return GpuRows.gpus(state).stream()
                .flatMap(gpu -> gpu.migInstances().stream().flatMap(gi -> gi.computeInstances().stream()
                        .map(ci -> new MeterSpec.Row(tags(gpu, gi)
                                .and("compute_instance", Integer.toString(ci.id()))
                                .and("mig_uuid", ci.uuid()), 1))))
                .toList();
    }

    /**
     * NVML has no per-process samples in MIG mode, but an instance used by one container is that
     * container's: its activity is the container's. Shared, or with a process of no known container,
     * it cannot be split, and there is no row rather than a guess.
     */
    private static List<MeterSpec.Row> containerActivity(NodeState state) {
        List<MeterSpec.Row> rows = new ArrayList<>();
        for (GpuReading gpu : GpuRows.gpus(state)) {
            for (MigGpuInstance gi : gpu.migInstances()) {
                List<GpuReading.Process> inside = gpu.processesIn(gi.id());
                List<WorkloadContainer> containers = inside.stream().map(GpuReading.Process::container)
                        .flatMap(Optional::stream).collect(Collectors.toMap(WorkloadContainer::id, c -> c,
                                (a, b) -> a)).values().stream().toList();
                boolean allKnown = inside.stream().allMatch(p -> p.container().isPresent());
                if (containers.size() != 1 || !allKnown) {
                    continue;
                }
                WorkloadContainer only = containers.get(0);
                gi.value(GpuFields.SM_ACTIVE).ifPresent(v -> rows.add(new MeterSpec.Row(tags(gpu, gi)
                        .and("runtime", only.runtime())
                        .and(WorkloadMemoryMetrics.containerTags(Optional.of(only))), v)));
            }
        }
        return rows;
    }

    private static Tags tags(GpuReading gpu, MigGpuInstance gi) {
        return GpuRows.tags(gpu).and("gpu_instance", Integer.toString(gi.id())).and("mig_profile", gi.profile());
    }
}
