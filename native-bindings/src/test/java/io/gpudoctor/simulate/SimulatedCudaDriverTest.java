package io.gpudoctor.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.cuda.CuResult;
import io.gpudoctor.cuda.CudaException;
import io.gpudoctor.nvml.ComputeCapability;
import org.junit.jupiter.api.Test;

class SimulatedCudaDriverTest {

    private static final Scenario TWO_L4 = Scenario.builder("t").driver("560.35.03", 12060).gpus(GpuModel.L4, 2).build();

    @Test
    void after_a_successful_init_the_devices_of_the_scenario_are_visible() {
        SimulatedCudaDriver cuda = new SimulatedCudaDriver(TWO_L4);

        assertThat(cuda.init()).isEqualTo(CuResult.SUCCESS);
        assertThat(cuda.deviceCount()).isEqualTo(2);
        assertThat(cuda.deviceName(1)).isEqualTo("NVIDIA L4");
        assertThat(cuda.computeCapability(0)).isEqualTo(new ComputeCapability(8, 9));
        assertThat(cuda.totalMemoryBytes(0)).isEqualTo(GpuModel.L4.memoryTotalBytes());
    }

    @Test
    void device_calls_before_init_fail_as_not_initialized() {
        SimulatedCudaDriver cuda = new SimulatedCudaDriver(TWO_L4);

        assertThatThrownBy(cuda::deviceCount)
                .isInstanceOfSatisfying(CudaException.class,
                        e -> assertThat(e.result().name()).isEqualTo("CUDA_ERROR_NOT_INITIALIZED"));
    }

    @Test
    void a_failed_init_is_returned_and_leaves_no_device_visible() {
        Scenario broken = Scenario.builder("t").gpus(GpuModel.L4, 1)
                .cuInitResult(CuResult.fromName("CUDA_ERROR_SYSTEM_DRIVER_MISMATCH")).build();
        SimulatedCudaDriver cuda = new SimulatedCudaDriver(broken);

        assertThat(cuda.init().name()).isEqualTo("CUDA_ERROR_SYSTEM_DRIVER_MISMATCH");
        assertThatThrownBy(() -> cuda.deviceName(0)).isInstanceOf(CudaException.class);
    }

    @Test
    void the_driver_version_answers_even_without_init() {
        assertThat(new SimulatedCudaDriver(TWO_L4).driverVersion()).isEqualTo(12060);
    }

    @Test
    void a_host_without_gpus_fails_cuinit_with_no_device() {
        assertThat(new SimulatedCudaDriver(Scenario.builder("empty").build()).init()).isEqualTo(CuResult.NO_DEVICE);
    }

    @Test
    void an_ordinal_past_the_last_device_is_an_invalid_device() {
        SimulatedCudaDriver cuda = new SimulatedCudaDriver(TWO_L4);
        cuda.init();

        assertThatThrownBy(() -> cuda.deviceName(2))
                .isInstanceOfSatisfying(CudaException.class,
                        e -> assertThat(e.result().name()).isEqualTo("CUDA_ERROR_INVALID_DEVICE"));
    }
}
