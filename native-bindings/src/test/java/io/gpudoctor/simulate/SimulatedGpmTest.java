package io.gpudoctor.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.nvml.GpmMetric;
import io.gpudoctor.nvml.GpmSample;
import io.gpudoctor.nvml.NvmlException;
import io.gpudoctor.nvml.NvmlReturn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedGpmTest {

    private SimulatedNvml nvml;

    @AfterEach
    void closeNvml() {
        if (nvml != null) {
            nvml.close();
        }
    }

    private SimulatedNvml started(Scenario scenario) {
        nvml = new SimulatedNvml(scenario);
        nvml.init();
        return nvml;
    }

    @Test
    void a_busy_h100_shows_tensor_activity_over_two_samples() {
        SimulatedNvml n = started(Scenario.builder("t")
                .gpu(GpuModel.H100_SXM5_80GB, b -> b.utilization(97, 61)).build());

        assertThat(n.gpmSupported(0)).isTrue();
        assertThat(metricsOverTwoSamples(n, 0)).containsEntry(GpmMetric.ANY_TENSOR_UTIL, 42.0)
                .containsEntry(GpmMetric.GRAPHICS_UTIL, 97.0).containsEntry(GpmMetric.DRAM_BW_UTIL, 61.0)
                .containsKeys(GpmMetric.values());
    }

    @Test
    void an_idle_h100_shows_no_tensor_activity() {
        SimulatedNvml n = started(Scenario.builder("t").gpus(GpuModel.H100_SXM5_80GB, 1).build());

        assertThat(metricsOverTwoSamples(n, 0)).containsEntry(GpmMetric.ANY_TENSOR_UTIL, 0.0)
                .containsEntry(GpmMetric.SM_UTIL, 0.0);
    }

    @Test
    void a_metric_the_scenario_gives_overrides_the_default() {
        SimulatedNvml n = started(Scenario.builder("t")
                .gpu(GpuModel.H100_SXM5_80GB, b -> b.utilization(90, 50).gpmMetric(GpmMetric.SM_OCCUPANCY, 12.5))
                .build());

        assertThat(metricsOverTwoSamples(n, 0)).containsEntry(GpmMetric.SM_OCCUPANCY, 12.5);
    }

    @Test
    void an_ada_card_has_no_gpm_and_refuses_a_sample() {
        SimulatedNvml n = started(Scenario.builder("t").gpus(GpuModel.RTX_4090, 1).build());
        GpmSample sample = n.gpmSampleAlloc();

        assertThat(n.gpmSupported(0)).isFalse();
        assertThatThrownBy(() -> n.gpmSampleGet(0, sample)).isInstanceOfSatisfying(NvmlException.class,
                e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_NOT_SUPPORTED));
        n.gpmSampleFree(sample);
    }

    @Test
    void gpm_metrics_on_a_gpu_older_than_hopper_are_refused() {
        assertThatThrownBy(() -> Scenario.builder("t")
                .gpu(GpuModel.A100_SXM4_80GB, b -> b.gpmMetric(GpmMetric.SM_UTIL, 50)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("older than Hopper");
    }

    @Test
    void the_later_sample_must_come_second() {
        SimulatedNvml n = started(Scenario.builder("t").gpus(GpuModel.H100_SXM5_80GB, 1).build());
        GpmSample earlier = filled(n, 0);
        GpmSample later = filled(n, 0);

        assertThatThrownBy(() -> n.gpmMetrics(later, earlier, List.of(GpmMetric.SM_UTIL)))
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_INVALID_ARGUMENT));
        n.gpmSampleFree(earlier);
        n.gpmSampleFree(later);
    }

    @Test
    void a_sample_freed_twice_counts_as_freed_once() {
        SimulatedNvml n = started(Scenario.builder("t").gpus(GpuModel.H100_SXM5_80GB, 1).build());
        GpmSample sample = n.gpmSampleAlloc();
        GpmSample other = n.gpmSampleAlloc();

        n.gpmSampleFree(sample);
        n.gpmSampleFree(sample);

        assertThat(n.liveGpmSamples()).isEqualTo(1);
        n.gpmSampleFree(other);
    }

    private static Map<GpmMetric, Double> metricsOverTwoSamples(SimulatedNvml n, int gpu) {
        GpmSample earlier = filled(n, gpu);
        GpmSample later = filled(n, gpu);
        try {
            return n.gpmMetrics(earlier, later, List.of(GpmMetric.values()));
        } finally {
            n.gpmSampleFree(earlier);
            n.gpmSampleFree(later);
        }
    }

    private static GpmSample filled(SimulatedNvml n, int gpu) {
        GpmSample sample = n.gpmSampleAlloc();
        n.gpmSampleGet(gpu, sample);
        return sample;
    }
}
