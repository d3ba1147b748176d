package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.Supplier;

/**
 * The node's host name, for dashboards and alerts that would otherwise show only Prometheus's
 * {@code instance} (an address): {@code gpu_doctor_node_info{nodename}}, value 1, joinable on
 * {@code instance}. The name is the one the host diagnosis read ({@code /proc/sys/kernel/hostname}
 * of the host root); until that diagnosis has run, or when the name could not be read, the series
 * is absent rather than carrying an empty name.
 */
public final class NodeInfoMetrics extends StateBinder {

    public NodeInfoMetrics(Supplier<NodeState> state) {
        super(state, List.of(MeterSpec.gauge("gpu.doctor.node.info", Units.NONE,
                "The node's host name, in a label; value 1.", NodeInfoMetrics::rows)));
    }

    private static List<MeterSpec.Row> rows(NodeState state) {
        return state.host().map(Diagnosis::host).map(h -> h.hostname()).filter(name -> !name.isBlank())
                .map(name -> List.of(new MeterSpec.Row(Tags.of("nodename", name), 1))).orElse(List.of());
    }
}
