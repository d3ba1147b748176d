package io.gpudoctor.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How NVML's return codes reach callers: NOT_SUPPORTED as "no such metric", everything else as an exception. */
class JnaNvmlErrorsTest {

    private FakeNvml fake;
    private JnaNvml nvml;

    @BeforeEach
    void loadTheFake() {
        fake = FakeNvml.current().reset();
        nvml = fake.load();
    }

    @AfterEach
    void shutDown() {
        nvml.close();
    }

    @Test
    void a_failed_init_throws_with_the_code_the_call_and_nvmls_message() {
        fake.fail("nvmlInit_v2", FakeNvml.ALL_GPUS, NvmlReturn.ERROR_DRIVER_NOT_LOADED);

        assertThatThrownBy(nvml::init)
                .isInstanceOfSatisfying(NvmlException.class, e -> {
                    assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_DRIVER_NOT_LOADED);
                    assertThat(e.call()).isEqualTo("nvmlInit_v2");
                })
                .hasMessage("nvmlInit_v2: NVML_ERROR_DRIVER_NOT_LOADED (Driver Not Loaded)");
    }

    @Test
    void a_call_before_init_throws_uninitialized() {
        assertThatThrownBy(nvml::deviceCount)
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_UNINITIALIZED));
    }

    @Test
    void not_supported_on_a_per_gpu_metric_is_empty_for_that_gpu_only() {
        nvml.init();
        fake.fail("nvmlDeviceGetTemperature", 1, NvmlReturn.ERROR_NOT_SUPPORTED);

        assertThat(nvml.temperatureCelsius(0)).hasValue(61);
        assertThat(nvml.temperatureCelsius(1)).isEmpty();
    }

    @Test
    void not_supported_serial_is_empty() {
        nvml.init();
        fake.fail("nvmlDeviceGetSerial", 1, NvmlReturn.ERROR_NOT_SUPPORTED);

        assertThat(nvml.serial(1)).isEmpty();
    }

    @Test
    void a_lost_gpu_throws_with_its_code_and_the_call_that_saw_it() {
        nvml.init();
        fake.fail("nvmlDeviceGetPowerUsage", 0, NvmlReturn.ERROR_GPU_IS_LOST);

        assertThatThrownBy(() -> nvml.powerUsageMilliwatts(0))
                .isInstanceOfSatisfying(NvmlException.class, e -> {
                    assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_GPU_IS_LOST);
                    assertThat(e.rawCode()).isEqualTo(15);
                    assertThat(e.call()).isEqualTo("nvmlDeviceGetPowerUsage");
                })
                .hasMessageContaining("GPU is lost");
    }

    @Test
    void not_supported_on_a_mandatory_field_throws() {
        nvml.init();
        fake.fail("nvmlDeviceGetName", 0, NvmlReturn.ERROR_NOT_SUPPORTED);

        assertThatThrownBy(() -> nvml.name(0))
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_NOT_SUPPORTED));
    }

    @Test
    void a_handle_that_cannot_be_had_names_the_handle_call() {
        nvml.init();
        fake.fail("nvmlDeviceGetHandleByIndex_v2", 1, NvmlReturn.ERROR_GPU_IS_LOST);

        assertThatThrownBy(() -> nvml.name(1))
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.call()).isEqualTo("nvmlDeviceGetHandleByIndex_v2"));
    }

    @Test
    void an_index_past_the_last_gpu_throws_invalid_argument() {
        nvml.init();

        assertThatThrownBy(() -> nvml.uuid(2))
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_INVALID_ARGUMENT));
    }

    @Test
    void an_unknown_uuid_throws_not_found() {
        nvml.init();

        assertThatThrownBy(() -> nvml.indexOfUuid("GPU-00000000-0000-0000-0000-000000000000"))
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_NOT_FOUND));
    }

    @Test
    void memory_info_falls_back_to_v1_where_the_driver_refuses_v2() {
        nvml.init();
        fake.fail("nvmlDeviceGetMemoryInfo_v2", 0, NvmlReturn.ERROR_NOT_SUPPORTED);

        MemoryInfo memory = nvml.memoryInfo(0);

        assertThat(memory.usedBytes()).isEqualTo(12345678901L + 566231041L);
        assertThat(memory.reservedBytes()).isEmpty();
    }

    @Test
    void processes_are_empty_where_the_gpu_does_not_report_them() {
        nvml.init();
        fake.fail("nvmlDeviceGetComputeRunningProcesses_v3", 0, NvmlReturn.ERROR_NOT_SUPPORTED);

        assertThat(nvml.computeProcesses(0)).isEmpty();
    }

    @Test
    void close_shuts_down_every_init_it_made() {
        nvml.init();
        nvml.init();

        nvml.close();

        assertThat(fake.calls("nvmlShutdown")).isEqualTo(2);
        assertThatThrownBy(nvml::deviceCount).isInstanceOf(NvmlException.class);
    }
}
