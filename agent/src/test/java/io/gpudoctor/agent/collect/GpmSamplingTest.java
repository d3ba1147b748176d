package io.gpudoctor.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.MigGpuInstance;
import io.gpudoctor.agent.gpus.fields.GpuFields;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.simulate.SimulatedFault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GPM through the sampler on simulated nodes: two cycles make a metric, and every sample is freed. */
class GpmSamplingTest {

    private static final int DGX_GPUS = 8;
    /** GPU 7 of dgx-h100 is split with MIG into two GPU instances, each sampled on its own. */
    private static final int DGX_GPU_INSTANCES = 2;
    private static final int MIG_GPU = 7;

    @Test
    void theFirstCycleHasNoGpmMetrics() {
        SimulatedNode node = SimulatedNode.of("dgx-h100");
        try (GpuSampler sampler = node.sampler(SimulatedNode.settings(), new XidCounter())) {
            GpuSnapshot first = sampler.cycle();

            assertThat(first.inventory().gpus()).allSatisfy(g -> assertThat(g.value(GpuFields.TENSOR_ACTIVE)).isEmpty());
        }
    }

    @Test
    void theSecondCycleHasTensorActivityOnABusyH100AndNoneOnAnIdleGpuInstance() {
        SimulatedNode node = SimulatedNode.of("dgx-h100");
        try (GpuSampler sampler = node.sampler(SimulatedNode.settings(), new XidCounter())) {
            List<GpuReading> gpus = twoCycles(node, sampler).inventory().gpus();

            assertThat(gpus.get(0).value(GpuFields.TENSOR_ACTIVE)).hasValueSatisfying(v -> assertThat(v).isCloseTo(0.42,
                    within(1e-9)));
            assertThat(gpus.get(MIG_GPU).migInstances().get(1).value(GpuFields.TENSOR_ACTIVE)).contains(0.0);
            assertThat(gpus.get(0).errors()).isEmpty();
        }
    }

    @Test
    void anAdaGpuHasNoGpmMetricsAndNoError() {
        SimulatedNode node = SimulatedNode.of("workstation-rtx4090");
        try (GpuSampler sampler = node.sampler(SimulatedNode.settings(), new XidCounter())) {
            GpuSnapshot second = twoCycles(node, sampler);

            assertThat(second.inventory().gpus()).isNotEmpty().allSatisfy(g -> {
                assertThat(g.fields()).noneMatch(f -> f.field().startsWith("gpm."));
                assertThat(g.errors()).isEmpty();
            });
            assertThat(node.nvml.liveGpmSamples()).isZero();
        }
    }

    @Test
    void eachGpuKeepsOneSampleBetweenCycles() {
        SimulatedNode node = SimulatedNode.of("dgx-h100");
        try (GpuSampler sampler = node.sampler(SimulatedNode.settings(), new XidCounter())) {
            for (int i = 0; i < 5; i++) {
                node.nextInterval();
                sampler.cycle();
                assertThat(node.nvml.liveGpmSamples()).as("cycle %d", i + 1).isEqualTo(DGX_GPUS + DGX_GPU_INSTANCES);
            }
        }
    }

    @Test
    void aHungSampleCallAbandonsThePairAndItsSamplesAreFreedOnceTheCallReturns() throws InterruptedException {
        SimulatedNode node = SimulatedNode.of("dgx-h100");
        GpuSampler sampler = node.sampler(SimulatedNode.settings(), new XidCounter());
        sampler.cycle();
        SimulatedFault hang = SimulatedFault.hang("gpmSampleGet", 3);
        node.nvml.inject(hang);
        node.nextInterval();
        sampler.cycle();

        List<Thread> stuck = SimulatedNode.stuckNvmlThreads();
        node.nvml.releaseHangs();
        for (Thread t : stuck) {
            t.join(Duration.ofSeconds(5).toMillis());
        }
        node.nextInterval();
        sampler.cycle();
        node.nextInterval();
        GpuSnapshot recovered = sampler.cycle();

        assertThat(recovered.inventory().gpus().get(3).value(GpuFields.TENSOR_ACTIVE)).isPresent();
        assertThat(node.nvml.liveGpmSamples()).isEqualTo(DGX_GPUS + DGX_GPU_INSTANCES);
        sampler.close();
    }

    @Test
    void eachMigGpuInstanceHasItsOwnActivityFromTheSecondCycle() {
        SimulatedNode node = SimulatedNode.of("dgx-h100");
        try (GpuSampler sampler = node.sampler(SimulatedNode.settings(), new XidCounter())) {
            GpuReading mig = twoCycles(node, sampler).inventory().gpus().get(MIG_GPU);

            assertThat(mig.migInstances()).extracting(MigGpuInstance::id).containsExactly(1, 2);
            assertThat(mig.migInstances().get(0).value(GpuFields.GRAPHICS_ACTIVE))
                    .hasValueSatisfying(v -> assertThat(v).isCloseTo(0.38, within(1e-9)));
            assertThat(mig.migInstances().get(1).value(GpuFields.GRAPHICS_ACTIVE)).contains(0.0);
            assertThat(mig.errors()).isEmpty();
        }
    }

    @Test
    void theSamplesOfGpuInstancesNoLongerListedAreFreed() {
        SimulatedNode node = SimulatedNode.of("dgx-h100");
        try (GpuSampler sampler = node.sampler(SimulatedNode.settings(), new XidCounter())) {
            twoCycles(node, sampler);
            node.nvml.inject(SimulatedFault.error("migDevice", MIG_GPU, NvmlReturn.ERROR_UNKNOWN));
            node.nextInterval();
            GpuSnapshot without = sampler.cycle();

            assertThat(without.inventory().gpus().get(MIG_GPU).migInstances()).isEmpty();
            assertThat(node.nvml.liveGpmSamples()).isEqualTo(DGX_GPUS);
        }
    }

    private static GpuSnapshot twoCycles(SimulatedNode node, GpuSampler sampler) {
        sampler.cycle();
        node.nextInterval();
        return sampler.cycle();
    }
}
