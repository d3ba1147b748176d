package io.gpudoctor.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.nvml.EccCounterType;
import io.gpudoctor.nvml.EccErrorType;
import io.gpudoctor.nvml.NvmlException;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.nvml.XidEvent;
import io.gpudoctor.simulate.GpuModel;
import io.gpudoctor.simulate.Scenario;
import io.gpudoctor.simulate.SimulatedGpu;
import io.gpudoctor.simulate.SimulatedNvml;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NamedScenariosTest {

    static List<String> named() {
        return ScenarioLoader.namedScenarios();
    }

    private static Scenario scenario(String name) throws ScenarioException {
        return ScenarioLoader.load(name).scenario();
    }

    private static SimulatedNvml started(String name) throws ScenarioException {
        SimulatedNvml nvml = new SimulatedNvml(scenario(name));
        nvml.init();
        return nvml;
    }

    @ParameterizedTest
    @MethodSource("named")
    void every_named_scenario_loads_under_its_own_name_with_a_host_root(String name) throws ScenarioException {
        LoadedScenario loaded = ScenarioLoader.load(name);

        assertThat(loaded.scenario().name()).isEqualTo(name);
        assertThat(loaded.scenario().gpus()).isNotEmpty();
        assertThat(loaded.hostRoot()).isPresent();
    }

    @Test
    void the_index_lists_every_scenario_folder_shipped() throws IOException, URISyntaxException {
        Path base = Path.of(ScenarioLoader.class.getResource("/io/gpudoctor/agent/scenarios/").toURI());
        try (Stream<Path> entries = Files.list(base)) {
            List<String> folders = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();

            assertThat(named()).containsExactlyInAnyOrderElementsOf(folders);
        }
    }

    @Test
    void dgx_h100_has_eight_healthy_h100s_with_persistence_on() throws ScenarioException {
        Scenario s = scenario("dgx-h100");

        assertThat(s.driverVersion()).isEqualTo("550.90.07");
        assertThat(s.cudaDriverVersion()).isEqualTo(12040);
        assertThat(s.gpus()).hasSize(8)
                .allSatisfy(g -> {
                    assertThat(g.model()).isEqualTo(GpuModel.H100_SXM5_80GB);
                    assertThat(g.persistenceMode()).isTrue();
                });
        assertThat(s.faults()).isEmpty();
        assertThat(s.pendingXids()).isEmpty();
    }

    @Test
    void dgx_h100_runs_processes_on_several_gpus() throws ScenarioException {
        SimulatedNvml nvml = started("dgx-h100");

        long busy = Stream.iterate(0, i -> i + 1).limit(8).filter(i -> !nvml.computeProcesses(i).isEmpty()).count();

        assertThat(busy).isGreaterThan(1);
        assertThat(nvml.memoryInfo(0).usedBytes()).isGreaterThan(60L << 30);
    }

    @Test
    void workstation_rtx4090_has_one_geforce_card_with_display_and_compute_processes() throws ScenarioException {
        SimulatedNvml nvml = started("workstation-rtx4090");

        assertThat(nvml.deviceCount()).isEqualTo(1);
        assertThat(nvml.name(0)).isEqualTo("NVIDIA GeForce RTX 4090");
        assertThat(nvml.driverVersion()).isEqualTo("560.35.03");
        assertThat(nvml.cudaDriverVersion()).isEqualTo(12060);
        assertThat(nvml.fanSpeedPercent(0)).isPresent();
        assertThat(nvml.graphicsProcesses(0)).hasSize(2);
        assertThat(nvml.computeProcesses(0)).hasSize(1);
    }

    @Test
    void broken_node_loses_gpu_2_on_every_call_and_only_gpu_2() throws ScenarioException {
        SimulatedNvml nvml = started("broken-node");

        assertThat(nvml.deviceCount()).isEqualTo(4);
        assertThatThrownBy(() -> nvml.name(2))
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_GPU_IS_LOST));
        assertThatThrownBy(() -> nvml.temperatureCelsius(2)).isInstanceOf(NvmlException.class);
        assertThat(nvml.name(3)).isEqualTo("NVIDIA A100-SXM4-80GB");
    }

    @Test
    void broken_node_queues_xid_79_on_gpu_2_and_xid_48_on_gpu_1_with_its_uncorrectable_ecc_error() throws ScenarioException {
        Scenario s = scenario("broken-node");
        SimulatedNvml nvml = started("broken-node");

        assertThat(s.driverVersion()).isEqualTo("535.183.01");
        assertThat(s.cudaDriverVersion()).isEqualTo(12020);
        assertThat(s.pendingXids()).contains(new XidEvent(2, 79), new XidEvent(1, 48));
        assertThat(nvml.eccErrors(1, EccErrorType.UNCORRECTED, EccCounterType.VOLATILE)).hasValue(1);
        assertThat(s.gpus()).extracting(SimulatedGpu::model).containsOnly(GpuModel.A100_SXM4_80GB);
    }
}
