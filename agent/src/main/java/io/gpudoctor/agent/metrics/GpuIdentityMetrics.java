package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.GpuSnapshot;
import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.host.driver.RunningDriver;
import io.gpudoctor.nvml.MigMode;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What each GPU is and how it is set up: {@code nvidia_gpu_info} (value 1, the identity in its
 * labels, to join onto the other series by {@code gpu} and {@code uuid}),
 * {@code nvidia_gpu_persistence_mode} and {@code nvidia_gpu_mig_mode} (1 on, 0 off).
 */
final class GpuIdentityMetrics extends StateBinder {

    public GpuIdentityMetrics(Supplier<NodeState> state) {
        super(state, List.of(
                MeterSpec.gauge("nvidia.gpu.info", Units.NONE,
                        "The GPU's identity and driver, in labels; value 1.",
                        GpuIdentityMetrics::info),
                MeterSpec.gauge("nvidia.gpu.persistence.mode", Units.NONE,
                        "Whether the driver stays loaded with no client (1) or not (0).",
                        s -> GpuRows.each(s, g -> g.persistenceMode().map(GpuRows::flag))),
                MeterSpec.gauge("nvidia.gpu.mig.mode", Units.NONE,
                        "Whether Multi-Instance GPU mode is on (1) or off (0), as currently applied.",
                        s -> GpuRows.each(s, g -> g.migMode().map(MigMode::current).map(GpuRows::flag)))));
    }

    private static List<MeterSpec.Row> info(NodeState state) {
        Optional<GpuInventory> inventory = state.gpus().map(GpuSnapshot::inventory);
        String driver = state.driver().map(RunningDriver::version).orElse("");
        String cuda = inventory.flatMap(i -> i.nvml().cudaDriverVersion().or(() -> i.cuda().driverVersion()))
                .orElse("");
        return GpuRows.gpus(state).stream()
                .map(g -> new MeterSpec.Row(GpuRows.tags(g)
                        .and("name", g.name().orElse(""))
                        .and("pci_bus_id", g.pciBusId().orElse(""))
                        .and("driver_version", driver)
                        .and("cuda_driver_version", cuda)
                        .and("compute_capability", g.computeCapability().orElse("")), 1))
                .toList();
    }
}
