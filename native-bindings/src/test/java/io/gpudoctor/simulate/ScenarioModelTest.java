package io.gpudoctor.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.nvml.NvmlReturn;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioModelTest {

    @Test
    void a_model_is_found_by_short_name_constant_name_or_nvml_name_in_any_case() {
        assertThat(GpuModel.find("h100")).contains(GpuModel.H100_SXM5_80GB);
        assertThat(GpuModel.find("RTX_4090")).contains(GpuModel.RTX_4090);
        assertThat(GpuModel.find("Tesla V100-SXM2-32GB")).contains(GpuModel.V100_SXM2_32GB);
        assertThat(GpuModel.find("B200")).isEmpty();
    }

    @Test
    void generated_uuids_bus_ids_and_minor_numbers_are_distinct() {
        List<SimulatedGpu> gpus = Scenario.builder("t").gpus(GpuModel.H100_SXM5_80GB, 16).build().gpus();

        Set<String> uuids = new HashSet<>();
        Set<String> busIds = new HashSet<>();
        gpus.forEach(g -> {
            uuids.add(g.uuid());
            busIds.add(g.pciBusId());
        });

        assertThat(uuids).hasSize(16);
        assertThat(busIds).hasSize(16).contains("00000000:18:00.0", "00000001:DB:00.0");
    }

    @Test
    void a_gpu_cannot_be_given_a_fan_its_model_lacks() {
        assertThatThrownBy(() -> SimulatedGpu.builder(GpuModel.H100_SXM5_80GB, 0).fanSpeedPercent(40).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no fan");
    }

    @Test
    void a_gpu_cannot_use_more_memory_than_it_has() {
        assertThatThrownBy(() -> SimulatedGpu.builder(GpuModel.T4, 0).memoryUsedBytes(20L << 30).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memory used");
    }

    @Test
    void memory_used_defaults_to_what_the_processes_use() {
        SimulatedGpu gpu = SimulatedGpu.builder(GpuModel.L4, 0)
                .process(SimulatedProcess.compute(100, 1L << 30))
                .process(SimulatedProcess.compute(101, 2L << 30))
                .build();

        assertThat(gpu.memoryUsedBytes()).isEqualTo(3L << 30);
    }

    @Test
    void a_scenario_refuses_a_fault_on_a_gpu_it_does_not_have() {
        assertThatThrownBy(() -> Scenario.builder("t").gpus(GpuModel.L4, 2)
                .fault(SimulatedFault.error("name", 2, NvmlReturn.ERROR_GPU_IS_LOST)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fault on GPU 2");
    }

    @Test
    void a_fault_on_an_unknown_call_lists_the_calls_there_are() {
        assertThatThrownBy(() -> SimulatedFault.error("memInfo", 0, NvmlReturn.ERROR_UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memInfo")
                .hasMessageContaining("memoryInfo");
    }

    @Test
    void a_fault_on_one_gpu_never_matches_a_call_about_no_gpu() {
        SimulatedFault lost = SimulatedFault.error(SimulatedFault.ANY_CALL, 1, NvmlReturn.ERROR_GPU_IS_LOST);

        assertThat(lost.matches(NvmlCall.DEVICE_COUNT, OptionalInt.empty())).isFalse();
        assertThat(lost.matches(NvmlCall.NAME, OptionalInt.of(1))).isTrue();
    }
}
