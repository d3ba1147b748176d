package io.gpudoctor.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.nvml.GpmMetric;
import io.gpudoctor.nvml.GpmSample;
import io.gpudoctor.nvml.MigDevice;
import io.gpudoctor.nvml.MigMode;
import io.gpudoctor.nvml.NvmlException;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.nvml.ProcessKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A simulated H100 split with MIG: its devices, their memory and GPM, and what a scenario may not say. */
class SimulatedMigTest {

    private static final long GIB = 1L << 30;

    private SimulatedNvml nvml;

    @AfterEach
    void closeNvml() {
        if (nvml != null) {
            nvml.close();
        }
    }

    private SimulatedNvml split() {
        nvml = new SimulatedNvml(Scenario.builder("mig").gpu(GpuModel.H100_SXM5_80GB, b -> b
                .migMode(new MigMode(true, true))
                .process(new SimulatedProcess(4242, 9 * GIB, ProcessKind.COMPUTE, Optional.empty(), OptionalInt.of(1)))
                .migDevice(SimulatedMigDevice.of(1, 0, "3g.40gb", 9 * GIB, 38))
                .migDevice(SimulatedMigDevice.of(2, 0, "3g.40gb", 0, 0))).build());
        nvml.init();
        return nvml;
    }

    @Test
    void a_mig_gpu_lists_its_devices_with_name_after_the_model_and_profile() {
        SimulatedNvml n = split();

        assertThat(n.maxMigDeviceCount(0)).isEqualTo(7);
        assertThat(n.migDevice(0, 0)).map(MigDevice::name).contains("NVIDIA H100 80GB HBM3 MIG 3g.40gb");
        assertThat(n.migDevice(0, 1)).map(MigDevice::gpuInstanceId).contains(2);
        assertThat(n.migDevice(0, 2)).isEmpty();
        assertThat(n.migDevice(0, 0).orElseThrow().uuid()).startsWith("MIG-");
    }

    @Test
    void a_mig_devices_memory_is_its_instances() {
        assertThat(split().migMemoryInfo(0, 0).usedBytes()).isEqualTo(9 * GIB);
        assertThat(nvml.migMemoryInfo(0, 0).totalBytes()).isEqualTo(40_000_000_000L);
    }

    @Test
    void a_gpu_in_mig_mode_reports_no_utilization_and_its_processes_their_instance() {
        SimulatedNvml n = split();

        assertThat(n.utilization(0)).isEmpty();
        assertThat(n.computeProcesses(0)).singleElement().satisfies(p -> {
            assertThat(p.gpuInstanceId()).hasValue(1);
            assertThat(p.computeInstanceId()).hasValue(0);
        });
    }

    @Test
    void two_samples_of_a_gpu_instance_give_its_activity() {
        SimulatedNvml n = split();
        GpmSample earlier = n.gpmSampleAlloc();
        GpmSample later = n.gpmSampleAlloc();
        n.gpmMigSampleGet(0, 1, earlier);
        n.gpmMigSampleGet(0, 1, later);

        Map<GpmMetric, Double> metrics = n.gpmMetrics(earlier, later, List.of(GpmMetric.GRAPHICS_UTIL));

        assertThat(metrics).containsExactly(Map.entry(GpmMetric.GRAPHICS_UTIL, 38.0));
    }

    @Test
    void a_gpu_instance_the_gpu_does_not_have_cannot_be_sampled() {
        SimulatedNvml n = split();

        assertThatThrownBy(() -> n.gpmMigSampleGet(0, 9, n.gpmSampleAlloc()))
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_INVALID_ARGUMENT));
    }

    @Test
    void a_gpu_without_mig_has_no_mig_devices() {
        nvml = new SimulatedNvml(Scenario.builder("plain").gpus(GpuModel.H100_SXM5_80GB, 1).build());
        nvml.init();

        assertThat(nvml.maxMigDeviceCount(0)).isZero();
        assertThatThrownBy(() -> nvml.migDevice(0, 0)).isInstanceOfSatisfying(NvmlException.class,
                e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_NOT_SUPPORTED));
    }

    @Test
    void mig_devices_need_mig_enabled() {
        assertThatThrownBy(() -> SimulatedGpu.builder(GpuModel.H100_SXM5_80GB, 0)
                .migDevice(SimulatedMigDevice.of(1, 0, "3g.40gb", 0, 0)).build())
                .hasMessageContaining("MIG devices while MIG is not enabled");
    }

    @Test
    void gpu_instances_hold_at_most_seven_slices() {
        assertThatThrownBy(() -> SimulatedGpu.builder(GpuModel.H100_SXM5_80GB, 0).migMode(new MigMode(true, true))
                .migDevice(SimulatedMigDevice.of(1, 0, "4g.40gb", 0, 0))
                .migDevice(SimulatedMigDevice.of(2, 0, "4g.40gb", 0, 0)).build())
                .hasMessageContaining("8 compute slices");
    }

    @Test
    void compute_instances_of_one_gpu_instance_agree_on_its_profile() {
        assertThatThrownBy(() -> SimulatedGpu.builder(GpuModel.H100_SXM5_80GB, 0).migMode(new MigMode(true, true))
                .migDevice(SimulatedMigDevice.of(1, 0, "3g.40gb", 0, 0))
                .migDevice(SimulatedMigDevice.of(1, 1, "2g.20gb", 0, 0)).build())
                .hasMessageContaining("disagree");
    }

    @Test
    void a_profile_that_is_not_slices_and_memory_is_refused() {
        assertThatThrownBy(() -> SimulatedMigDevice.of(1, 0, "big", 0, 0)).hasMessageContaining("3g.40gb");
    }

    @Test
    void a_process_in_a_gpu_instance_the_gpu_does_not_have_is_refused() {
        assertThatThrownBy(() -> SimulatedGpu.builder(GpuModel.H100_SXM5_80GB, 0).migMode(new MigMode(true, true))
                .migDevice(SimulatedMigDevice.of(1, 0, "3g.40gb", 0, 0))
                .process(new SimulatedProcess(7, 0, ProcessKind.COMPUTE, Optional.empty(), OptionalInt.of(4)))
                .build())
                .hasMessageContaining("GPU instance 4");
    }
}
