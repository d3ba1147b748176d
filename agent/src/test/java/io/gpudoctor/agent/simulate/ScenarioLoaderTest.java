package io.gpudoctor.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.nvml.GpmMetric;
import io.gpudoctor.nvml.PerfPolicy;
import io.gpudoctor.simulate.NvLink;
import io.gpudoctor.simulate.NvLinkErrors;
import io.gpudoctor.simulate.PcieLink;
import io.gpudoctor.simulate.Scenario;
import io.gpudoctor.simulate.SimulatedFault;
import io.gpudoctor.simulate.SimulatedGpu;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {

    private static final String HEADER = "driverVersion: 550.90.07\ncudaDriverVersion: 12.4\n";

    @TempDir
    Path dir;

    private static Path labL4() throws URISyntaxException {
        return Path.of(ScenarioLoaderTest.class.getResource("/simulate/lab-l4").toURI());
    }

    private Scenario loadYaml(String yaml) throws IOException, ScenarioException {
        Files.writeString(dir.resolve("scenario.yaml"), yaml);
        return ScenarioLoader.load(dir.toString()).scenario();
    }

    private ScenarioException failure(String yaml) throws IOException {
        Files.writeString(dir.resolve("scenario.yaml"), yaml);
        try {
            ScenarioLoader.load(dir.toString());
        } catch (ScenarioException e) {
            return e;
        }
        throw new AssertionError("loaded although it should not: " + yaml);
    }

    @Test
    void a_users_folder_loads_with_the_host_root_beside_it() throws Exception {
        LoadedScenario loaded = ScenarioLoader.load(labL4().toString());

        assertThat(loaded.scenario().name()).isEqualTo("lab-l4");
        assertThat(loaded.scenario().gpus()).hasSize(2);
        assertThat(loaded.hostRoot()).contains(labL4().resolve("root").toAbsolutePath());
    }

    @Test
    void the_scenario_file_itself_may_be_named_instead_of_its_folder() throws Exception {
        LoadedScenario loaded = ScenarioLoader.load(labL4().resolve("scenario.yaml").toString());

        assertThat(loaded.scenario().name()).isEqualTo("lab-l4");
        assertThat(loaded.hostRoot()).isPresent();
    }

    @Test
    void a_folder_without_a_root_has_no_host_root() throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), HEADER);

        assertThat(ScenarioLoader.load(dir.toString()).hostRoot()).isEmpty();
    }

    @Test
    void count_expands_into_gpus_with_their_own_identities_and_the_same_values() throws Exception {
        Scenario s = ScenarioLoader.load(labL4().toString()).scenario();

        SimulatedGpu first = s.gpus().get(0);
        SimulatedGpu second = s.gpus().get(1);
        assertThat(first.uuid()).isNotEqualTo(second.uuid());
        assertThat(first.pciBusId()).isNotEqualTo(second.pciBusId());
        assertThat(second.index()).isEqualTo(1);
        assertThat(second.memoryUsedBytes()).isEqualTo(4L << 30);
        assertThat(second.processes()).hasSize(1);
    }

    @Test
    void sizes_and_watts_are_converted_to_nvml_units() throws Exception {
        SimulatedGpu gpu = ScenarioLoader.load(labL4().toString()).scenario().gpus().get(0);

        assertThat(gpu.memoryUsedBytes()).isEqualTo(4_294_967_296L);
        assertThat(gpu.powerUsageMilliwatts()).isEqualTo(31_500);
    }

    @Test
    void faults_take_their_kind_from_what_they_carry() throws Exception {
        Scenario s = ScenarioLoader.load(labL4().toString()).scenario();

        assertThat(s.faults()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(SimulatedFault.Kind.DELAY);
            assertThat(f.delay()).isEqualTo(Duration.ofMillis(250));
            assertThat(f.gpu()).hasValue(1);
        });
    }

    @Test
    void a_hang_fault_is_written_with_its_kind() throws Exception {
        Scenario s = loadYaml(HEADER + "gpus: [{model: T4}]\nfaults: [{call: memoryInfo, gpu: 0, kind: hang}]\n");

        assertThat(s.faults()).singleElement().extracting(SimulatedFault::kind).isEqualTo(SimulatedFault.Kind.HANG);
    }

    @Test
    void a_scenario_without_gpus_fails_cuinit_with_no_device() throws Exception {
        assertThat(loadYaml(HEADER).cuInitResult().name()).isEqualTo("CUDA_ERROR_NO_DEVICE");
    }

    @Test
    void malformed_yaml_is_reported_with_file_and_line() throws Exception {
        ScenarioException e = failure(HEADER + "gpus:\n  - model: H100\n   count: [\n");

        assertThat(e.getMessage()).startsWith(dir.resolve("scenario.yaml") + ":");
        assertThat(e.getMessage()).contains("scenario.yaml:5:4: not valid YAML:");
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void an_unknown_key_is_an_error_naming_it_its_line_and_the_keys_allowed() throws Exception {
        ScenarioException e = failure(HEADER + "gpus:\n  - model: H100\n    memoryUsd: 4GiB\n");

        assertThat(e.getMessage())
                .contains("scenario.yaml:5:")
                .contains("unknown key 'memoryUsd'")
                .contains("memoryUsed");
    }

    @Test
    void an_unknown_top_level_key_is_an_error() throws Exception {
        assertThat(failure(HEADER + "gpu: []\n").getMessage()).contains("unknown key 'gpu'").contains("gpus");
    }

    @Test
    void an_unknown_model_lists_the_models_there_are() throws Exception {
        ScenarioException e = failure(HEADER + "gpus:\n  - model: B200\n");

        assertThat(e.getMessage())
                .contains("scenario.yaml:4:")
                .contains("gpus[0].model")
                .contains("unknown GPU model 'B200'")
                .contains("H100", "RTX4090", "K80");
    }

    @Test
    void a_value_the_model_does_not_have_names_the_gpu_entry() throws Exception {
        ScenarioException e = failure(HEADER + "gpus:\n  - model: T4\n  - model: H100\n    fanSpeedPercent: 40\n");

        assertThat(e.getMessage()).contains("gpus[1]").contains("has no fan");
    }

    @Test
    void a_missing_required_key_is_named() throws Exception {
        assertThat(failure("cudaDriverVersion: 12.4\n").getMessage()).contains("'driverVersion' is required");
    }

    @Test
    void a_value_of_the_wrong_kind_is_reported_at_its_key() throws Exception {
        ScenarioException e = failure(HEADER + "gpus:\n  - model: H100\n    count: many\n");

        assertThat(e.getMessage()).contains("gpus[0].count").contains("'many' is not a whole number");
    }

    @Test
    void a_duplicate_key_is_an_error() throws Exception {
        assertThat(failure(HEADER + "driverVersion: 535.183.01\n").getMessage())
                .contains("scenario.yaml:3:").contains("duplicate key 'driverVersion'");
    }

    @Test
    void an_identity_cannot_go_with_a_count() throws Exception {
        assertThat(failure(HEADER + "gpus: [{model: A100, count: 4, uuid: GPU-1}]\n").getMessage())
                .contains("gpus[0]").contains("uuid names one GPU");
    }

    @Test
    void a_fault_on_an_unknown_call_lists_the_calls_there_are() throws Exception {
        ScenarioException e = failure(HEADER + "gpus: [{model: T4}]\nfaults: [{call: memInfo, error: UNKNOWN}]\n");

        assertThat(e.getMessage()).contains("faults[0]").contains("unknown NVML call 'memInfo'").contains("memoryInfo");
    }

    @Test
    void a_fault_on_a_gpu_the_scenario_lacks_is_an_error() throws Exception {
        assertThat(failure(HEADER + "gpus: [{model: T4}]\nfaults: [{gpu: 3, error: GPU_IS_LOST}]\n").getMessage())
                .contains("fault on GPU 3");
    }

    @Test
    void an_empty_file_is_an_error() throws Exception {
        assertThat(failure("\n").getMessage()).endsWith("the file is empty");
    }

    @Test
    void a_folder_without_a_scenario_file_is_an_error_naming_the_file() {
        assertThatThrownBy(() -> ScenarioLoader.load(dir.toString()))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining(dir.resolve("scenario.yaml").toString())
                .hasMessageContaining("no such file");
    }

    @Test
    void a_name_that_is_neither_shipped_nor_a_folder_lists_the_named_scenarios() {
        assertThatThrownBy(() -> ScenarioLoader.load("dgx-h1000"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("dgx-h1000")
                .hasMessageContaining("dgx-h100, workstation-rtx4090, broken-node");
    }

    @Test
    void link_keys_describe_pcie_and_nvlink_and_leave_the_rest_healthy() throws Exception {
        SimulatedGpu gpu = loadYaml(HEADER + "gpus:\n  - model: A100\n    utilization: {gpu: 90}\n"
                + "    pcieLink: {width: 8, replays: 12}\n"
                + "    nvlink: {down: [3], txKibibytes: 1024, errors: {recovery: 2}}\n").gpus().get(0);

        assertThat(gpu.pcieLink()).isEqualTo(new PcieLink(4, 4, 8, 16, 12));
        assertThat(gpu.nvlinks()).hasSize(12).filteredOn(l -> !l.active()).hasSize(1);
        assertThat(gpu.nvlinks().get(3)).isEqualTo(NvLink.DOWN);
        assertThat(gpu.nvlinks().get(0)).isEqualTo(new NvLink(true, 1024, 0));
        assertThat(gpu.nvlinkErrors()).isEqualTo(new NvLinkErrors(0, 0, 0, 2));
    }

    @Test
    void a_down_link_the_model_does_not_have_is_an_error_naming_the_links_there_are() throws Exception {
        ScenarioException e = failure(HEADER + "gpus: [{model: A100, nvlink: {down: [12]}}]\n");

        assertThat(e.getMessage()).contains("A100 has 12 NVLinks (0 to 11)");
    }

    @Test
    void mig_devices_take_their_memory_from_the_profile_and_their_used_memory_from_their_processes()
            throws Exception {
        SimulatedGpu gpu = loadYaml(HEADER + "gpus:\n  - model: H100\n    migMode: {current: true}\n"
                + "    migDevices: [{gpuInstance: 1, profile: 3g.40gb, activity: 50}, {gpuInstance: 2, profile: 4g.40gb}]\n"
                + "    processes: [{pid: 10, memoryUsed: 1GiB, gpuInstance: 2}]\n").gpus().get(0);

        assertThat(gpu.migDevices()).extracting(d -> d.gpuInstanceId() + " " + d.memoryTotalBytes() + " "
                + d.memoryUsedBytes()).containsExactly("1 40000000000 0", "2 40000000000 1073741824");
    }

    @Test
    void a_mig_device_on_a_gpu_without_mig_mode_is_an_error_naming_the_gpu_entry() throws Exception {
        ScenarioException e = failure(HEADER + "gpus:\n  - model: H100\n"
                + "    migDevices: [{gpuInstance: 1, profile: 3g.40gb}]\n");

        assertThat(e.getMessage()).contains("gpus[0]").contains("MIG devices while MIG is not enabled");
    }

    @Test
    void violation_seconds_are_kept_in_nanoseconds_by_policy() throws Exception {
        SimulatedGpu gpu = loadYaml(HEADER + "gpus: [{model: H100, violationSeconds: {THERMAL: 1.5}}]\n")
                .gpus().get(0);

        assertThat(gpu.violationNanoseconds()).containsEntry(PerfPolicy.THERMAL, 1_500_000_000L)
                .containsEntry(PerfPolicy.POWER, 0L);
    }

    @Test
    void gpm_metrics_given_by_nvml_name_override_the_defaults() throws Exception {
        SimulatedGpu gpu = loadYaml(HEADER + "gpus: [{model: H100, utilization: {gpu: 90}, gpm: {ANY_TENSOR_UTIL: 12.5}}]\n")
                .gpus().get(0);

        assertThat(gpu.gpmMetrics()).containsEntry(GpmMetric.ANY_TENSOR_UTIL, 12.5)
                .containsEntry(GpmMetric.GRAPHICS_UTIL, 90.0);
    }

    @Test
    void an_ada_gpu_has_no_gpm_metrics() throws Exception {
        assertThat(loadYaml(HEADER + "gpus: [{model: RTX4090}]\n").gpus().get(0).gpmMetrics()).isEmpty();
    }
}
