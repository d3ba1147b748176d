package io.gpudoctor.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GPM through the bindings against the fake driver compiled with NVIDIA's nvml.h: the exact values
 * of every metric, at its place in {@code nvmlGpmMetricsGet_t}'s array, show the structs' layouts;
 * the fake's call counts show each sample is freed once.
 */
class JnaNvmlGpmTest extends InitialisedFakeNvmlTest {

    private static final int H100 = 0;
    private static final int ADA = 1;

    @Test
    void gpm_support_is_read_from_nvmlGpmSupport_t_for_the_hopper_gpu_and_not_the_ada_one() {
        assertThat(nvml.gpmSupported(H100)).isTrue();
        assertThat(nvml.gpmSupported(ADA)).isFalse();
    }

    @Test
    void two_samples_give_every_metric_in_nvml_units_from_nvmlGpmMetricsGet_t() {
        GpmSample earlier = filledSample(H100);
        GpmSample later = filledSample(H100);

        Map<GpmMetric, Double> metrics = nvml.gpmMetrics(earlier, later, List.of(GpmMetric.values()));

        assertThat(metrics).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry(GpmMetric.GRAPHICS_UTIL, 87.25), Map.entry(GpmMetric.SM_UTIL, 71.5),
                Map.entry(GpmMetric.SM_OCCUPANCY, 43.75), Map.entry(GpmMetric.ANY_TENSOR_UTIL, 42.125),
                Map.entry(GpmMetric.DRAM_BW_UTIL, 55.5), Map.entry(GpmMetric.FP64_UTIL, 3.25),
                Map.entry(GpmMetric.FP32_UTIL, 21.75), Map.entry(GpmMetric.FP16_UTIL, 9.5),
                Map.entry(GpmMetric.PCIE_TX_PER_SEC, 1234.5), Map.entry(GpmMetric.PCIE_RX_PER_SEC, 2345.25),
                Map.entry(GpmMetric.NVLINK_TOTAL_RX_PER_SEC, 40960.5),
                Map.entry(GpmMetric.NVLINK_TOTAL_TX_PER_SEC, 38912.25)));
        nvml.gpmSampleFree(earlier);
        nvml.gpmSampleFree(later);
    }

    @Test
    void the_earlier_sample_goes_in_sample1() {
        GpmSample earlier = filledSample(H100);
        GpmSample later = filledSample(H100);

        assertThatThrownBy(() -> nvml.gpmMetrics(later, earlier, List.of(GpmMetric.SM_UTIL)))
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_INVALID_ARGUMENT));
        nvml.gpmSampleFree(earlier);
        nvml.gpmSampleFree(later);
    }

    @Test
    void a_sample_of_a_gpu_without_gpm_is_refused_as_not_supported() {
        GpmSample sample = nvml.gpmSampleAlloc();

        assertThatThrownBy(() -> nvml.gpmSampleGet(ADA, sample))
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_NOT_SUPPORTED));
        nvml.gpmSampleFree(sample);
    }

    @Test
    void a_sample_freed_twice_is_freed_in_the_driver_once() {
        GpmSample sample = nvml.gpmSampleAlloc();

        nvml.gpmSampleFree(sample);
        nvml.gpmSampleFree(sample);

        assertThat(sample.freed()).isTrue();
        assertThat(fake.calls("nvmlGpmSampleFree")).isEqualTo(1);
    }

    @Test
    void a_freed_sample_is_not_handed_to_the_driver_again() {
        GpmSample sample = nvml.gpmSampleAlloc();
        nvml.gpmSampleFree(sample);

        assertThatThrownBy(() -> nvml.gpmSampleGet(H100, sample)).isInstanceOf(IllegalStateException.class);
        assertThat(fake.calls("nvmlGpmSampleGet")).isZero();
    }

    @Test
    void a_driver_without_gpm_calls_says_unsupported_without_calling_one() {
        try (JnaNvml old = FakeNvml.r470().reset().load()) {
            old.init();

            assertThat(old.gpmSupported(H100)).isFalse();
        }
    }

    private GpmSample filledSample(int gpu) {
        GpmSample sample = nvml.gpmSampleAlloc();
        nvml.gpmSampleGet(gpu, sample);
        return sample;
    }
}
