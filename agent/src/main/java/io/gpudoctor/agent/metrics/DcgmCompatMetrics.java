package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.GpuSnapshot;
import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.collect.XidCount;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.MigGpuInstance;
import io.gpudoctor.agent.host.driver.RunningDriver;
import io.gpudoctor.agent.metrics.dcgm.DcgmField;
import io.gpudoctor.agent.metrics.dcgm.DcgmFields;
import io.gpudoctor.agent.metrics.dcgm.DcgmGpu;
import io.gpudoctor.agent.metrics.dcgm.DcgmLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * dcgm-exporter's families ({@code --metrics.compat=dcgm}), one per row of {@link DcgmFields},
 * named exactly as dcgm-exporter names them and labelled by {@link DcgmLabels}, in addition to
 * gpu-doctor's own. On a MIG GPU the fields of a GPU instance (memory, profiling) have a series
 * per instance, labelled {@code GPU_I_ID} and {@code GPU_I_PROFILE}, and none for the whole GPU.
 * Every family is written as a gauge: Prometheus' clients append
 * {@code _total} to a counter's name, and DCGM's counters have none; PromQL ({@code rate()}
 * included) treats the samples the same either way.
 */
public final class DcgmCompatMetrics extends StateBinder {

    public DcgmCompatMetrics(Supplier<NodeState> state) {
        super(state, DcgmFields.ALL.stream().map(DcgmCompatMetrics::spec).toList());
    }

    private static MeterSpec spec(DcgmField field) {
        return MeterSpec.gauge(field.name(), "", field.help(), state -> rows(state, field));
    }

    private static List<MeterSpec.Row> rows(NodeState state, DcgmField field) {
        String hostname = state.host().map(Diagnosis::host).map(Diagnosis.Host::hostname).orElse("");
        String driver = state.driver().map(RunningDriver::version).orElse("");
        List<XidCount> xids = state.gpus().map(GpuSnapshot::xids).orElse(List.of());
        List<MeterSpec.Row> rows = new ArrayList<>();
        for (GpuReading gpu : state.gpus().map(s -> s.inventory().gpus()).orElse(List.of())) {
            if (field.perInstance(gpu)) {
                for (MigGpuInstance gi : gpu.migInstances()) {
                    field.value(gi).ifPresent(v -> DcgmLabels.of(gpu, gi, hostname, driver)
                            .forEach(tags -> rows.add(new MeterSpec.Row(tags, v))));
                }
                continue;
            }
            DcgmGpu of = new DcgmGpu(gpu, xids.stream().filter(x -> x.gpu() == gpu.index()).toList());
            field.value(of).ifPresent(v -> DcgmLabels.of(gpu, hostname, driver)
                    .forEach(tags -> rows.add(new MeterSpec.Row(tags, v))));
        }
        return rows;
    }
}
