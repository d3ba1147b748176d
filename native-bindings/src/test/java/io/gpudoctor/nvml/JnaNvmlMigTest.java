package io.gpudoctor.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * MIG devices through the bindings against the fake driver compiled with NVIDIA's nvml.h: GPU 0
 * is in MIG mode with GPU instances 3 (1g.10gb) and 5 (2g.20gb); GPU 1 has no MIG.
 */
class JnaNvmlMigTest extends InitialisedFakeNvmlTest {

    private static final int H100 = 0;
    private static final int ADA = 1;

    @Test
    void a_mig_gpu_can_hold_seven_mig_devices_and_a_gpu_without_mig_none() {
        assertThat(nvml.maxMigDeviceCount(H100)).isEqualTo(7);
        assertThat(nvml.maxMigDeviceCount(ADA)).isZero();
    }

    @Test
    void each_mig_device_is_read_with_its_instance_ids_uuid_and_name() {
        assertThat(nvml.migDevice(H100, 0)).contains(new MigDevice(0, 3, 1,
                "MIG-0d1e2f3a-4b5c-5d6e-8f70-8192a3b4c5d6", "NVIDIA H100 80GB HBM3 MIG 1g.10gb"));
        assertThat(nvml.migDevice(H100, 1)).contains(new MigDevice(1, 5, 0,
                "MIG-9f8e7d6c-5b4a-5392-8a1b-0c2d3e4f5a6b", "NVIDIA H100 80GB HBM3 MIG 2g.20gb"));
    }

    @Test
    void an_empty_slot_is_no_mig_device_rather_than_an_error() {
        assertThat(nvml.migDevice(H100, 2)).isEqualTo(Optional.empty());
    }

    @Test
    void a_gpu_without_mig_refuses_the_mig_device_call_as_not_supported() {
        assertThatThrownBy(() -> nvml.migDevice(ADA, 0)).isInstanceOfSatisfying(NvmlException.class,
                e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_NOT_SUPPORTED));
    }

    @Test
    void a_mig_devices_memory_is_its_gpu_instances_through_the_v2_call() {
        MemoryInfo memory = nvml.migMemoryInfo(H100, 1);

        assertThat(memory.totalBytes()).isEqualTo(21206401029L);
        assertThat(memory.usedBytes()).isEqualTo(536870923L);
        assertThat(memory.freeBytes()).isEqualTo(21206401029L - 536870923L);
        assertThat(fake.calls("nvmlDeviceGetMemoryInfo_v2")).isEqualTo(1);
    }

    @Test
    void the_memory_of_an_empty_slot_is_not_found() {
        assertThatThrownBy(() -> nvml.migMemoryInfo(H100, 4)).isInstanceOfSatisfying(NvmlException.class,
                e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_NOT_FOUND));
    }

    @Test
    void two_samples_of_one_gpu_instance_give_that_instances_metrics() {
        GpmSample earlier = instanceSample(5);
        GpmSample later = instanceSample(5);

        Map<GpmMetric, Double> metrics = nvml.gpmMetrics(earlier, later,
                List.of(GpmMetric.GRAPHICS_UTIL, GpmMetric.SM_UTIL));

        assertThat(metrics).containsExactlyInAnyOrderEntriesOf(Map.of(
                GpmMetric.GRAPHICS_UTIL, 87.25 / 4 + 5, GpmMetric.SM_UTIL, 71.5 / 4 + 5));
        nvml.gpmSampleFree(earlier);
        nvml.gpmSampleFree(later);
    }

    @Test
    void samples_of_two_gpu_instances_are_not_compared() {
        GpmSample earlier = instanceSample(3);
        GpmSample later = instanceSample(5);

        assertThatThrownBy(() -> nvml.gpmMetrics(earlier, later, List.of(GpmMetric.SM_UTIL)))
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_INVALID_ARGUMENT));
        nvml.gpmSampleFree(earlier);
        nvml.gpmSampleFree(later);
    }

    @Test
    void a_driver_without_per_instance_gpm_says_so_without_calling_it() {
        try (JnaNvml old = FakeNvml.r470().reset().load()) {
            old.init();
            GpmSample sample = new GpmSample() {
            };

            assertThatThrownBy(() -> old.gpmMigSampleGet(H100, 3, sample))
                    .isInstanceOfSatisfying(NvmlException.class,
                            e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_FUNCTION_NOT_FOUND));
        }
    }

    @Test
    void an_old_driver_lists_mig_devices_too() {
        try (JnaNvml old = FakeNvml.r470().reset().load()) {
            old.init();

            assertThat(old.migDevice(H100, 0)).map(MigDevice::profile).contains("1g.10gb");
        }
    }

    private GpmSample instanceSample(int gpuInstanceId) {
        GpmSample sample = nvml.gpmSampleAlloc();
        nvml.gpmMigSampleGet(H100, gpuInstanceId, sample);
        return sample;
    }
}
