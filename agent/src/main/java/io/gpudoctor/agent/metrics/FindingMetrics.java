package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.ContainerFindings;
import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingGpu;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every active finding as a series of value 1, so a fleet is one query away ("which nodes have
 * CDI_SPEC_STALE"): {@code gpu_doctor_finding{code, severity, scope, gpu, uuid, pci_bus_id}} for the
 * host's findings (the GPU labels name the GPU a finding concerns, empty for one about the host), and
 * {@code gpu_doctor_container_finding{code, severity, container_id, container, pod, namespace}} for
 * those of containers that use or asked for a GPU. A finding that clears takes its series with it.
 */
final class FindingMetrics extends StateBinder {

    public FindingMetrics(Supplier<NodeState> state) {
        super(state, List.of(
                MeterSpec.gauge("gpu.doctor.finding", Units.NONE,
                        "An active finding of the host diagnosis; value 1.",
                        FindingMetrics::hostFindings),
                MeterSpec.gauge("gpu.doctor.container.finding", Units.NONE,
                        "An active finding of a container that uses or asked for a GPU; value 1.",
                        FindingMetrics::containerFindings)));
    }

    private static List<MeterSpec.Row> hostFindings(NodeState state) {
        return state.host().map(Diagnosis::findings).orElse(List.of()).stream()
                .map(f -> new MeterSpec.Row(Tags.of("code", f.code().name(), "severity", f.severity().label(),
                        "scope", f.scope().label()).and(gpuTags(f.gpu())), 1))
                .toList();
    }

    /** Every series has the GPU labels (Prometheus takes an empty one as absent): one family, one label set. */
    private static Tags gpuTags(Optional<FindingGpu> gpu) {
        return Tags.of("gpu", gpu.flatMap(FindingGpu::index).map(String::valueOf).orElse(""),
                "uuid", gpu.flatMap(FindingGpu::uuid).orElse(""),
                "pci_bus_id", gpu.flatMap(FindingGpu::pciBusId).orElse(""));
    }

    private static List<MeterSpec.Row> containerFindings(NodeState state) {
        List<MeterSpec.Row> rows = new ArrayList<>();
        for (ContainerFindings container : state.containers()) {
            Tags labels = WorkloadMemoryMetrics.containerTags(Optional.of(container.container()));
            for (Finding f : container.findings()) {
                rows.add(new MeterSpec.Row(labels.and("code", f.code().name()).and("severity", f.severity().label()), 1));
            }
        }
        return rows;
    }
}
