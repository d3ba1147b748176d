package io.gpudoctor.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpudoctor.agent.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code gpu-doctor diagnose --simulate NAME} end to end: the scenario's driver with its own host
 * root, so that the diagnosis tells each scenario's story and not the machine's the test runs on.
 */
class NamedScenarioDiagnosisTest {

    @Test
    void dgx_h100_is_a_healthy_node_with_nothing_to_report() throws Exception {
        Diagnosed d = diagnose("dgx-h100");

        assertThat(d.exitCode).isZero();
        assertThat(d.json.path("verdict").asText()).isEqualTo("ok");
        assertThat(d.json.path("findings")).isEmpty();
        assertThat(d.json.path("host").path("hostname").asText()).isEqualTo("dgx-h100-07");
        assertThat(d.json.path("host").path("driver").path("kernelModuleVersion").asText()).isEqualTo("550.90.07");
    }

    @Test
    void workstation_rtx4090_has_no_error_and_no_warning() throws Exception {
        Diagnosed d = diagnose("workstation-rtx4090");

        assertThat(d.exitCode).isZero();
        assertThat(d.json.path("verdict").asText()).isEqualTo("ok");
        assertThat(d.codes("error")).isEmpty();
        assertThat(d.codes("warn")).isEmpty();
        assertThat(d.json.path("host").path("hostname").asText()).isEqualTo("ada-workstation");
    }

    @Test
    void broken_node_reports_its_lost_gpu_ecc_error_and_stale_cdi_spec_as_errors() throws Exception {
        Diagnosed d = diagnose("broken-node");

        assertThat(d.exitCode).isEqualTo(1);
        assertThat(d.codes("error")).contains("GPU_LOST", "ECC_UNCORRECTABLE_ERRORS", "XID_ERROR", "CDI_SPEC_STALE")
                .doesNotContain("DRIVER_LIBRARY_MISMATCH");
        assertThat(d.codes("warn")).contains("GPU_RESET_REQUIRED");
    }

    @Test
    void broken_node_reports_its_failing_links_switch_and_missing_gpu() throws Exception {
        Diagnosed d = diagnose("broken-node");

        assertThat(d.codes("error")).contains("NVLINK_DOWN", "NVSWITCH_SXID", "GPU_COUNT_BELOW_EXPECTED");
        assertThat(d.codes("warn")).contains("NVLINK_ERRORS", "PCIE_LINK_DEGRADED", "GPU_RESET_REQUIRED");
        assertThat(d.finding("GPU_COUNT_BELOW_EXPECTED").path("evidence").toString()).contains("0000:9a:00.0");
    }

    @Test
    void broken_node_rebooted_into_the_new_driver_whose_version_the_stale_cdi_spec_is_judged_by() throws Exception {
        Diagnosed d = diagnose("broken-node");

        assertThat(d.json.path("host").path("driver").path("kernelModuleVersion").asText()).isEqualTo("535.183.01");
        assertThat(d.finding("CDI_SPEC_STALE").path("detail").asText())
                .contains("libcuda.so.535.161.07, a library of driver 535.161.07, while the driver is 535.183.01"
                        + " (nvmlSystemGetDriverVersion)");
    }

    @Test
    void driver_mismatch_fails_nvml_as_a_real_mismatch_does_and_reads_no_gpu_through_it() throws Exception {
        Diagnosed d = diagnose("driver-mismatch");

        assertThat(d.exitCode).isEqualTo(1);
        assertThat(d.codes("error")).contains("DRIVER_LIBRARY_MISMATCH");
        assertThat(d.json.path("host").path("driver").path("nvml").path("status").asText())
                .isEqualTo("NVML_ERROR_LIB_RM_VERSION_MISMATCH");
        assertThat(d.json.path("host").path("driver").path("cuda").path("initResult").asText())
                .isEqualTo("CUDA_ERROR_SYSTEM_DRIVER_MISMATCH");
        assertThat(d.json.path("host").path("gpus")).isEmpty();
    }

    @Test
    void driver_mismatch_judges_its_cdi_spec_by_the_running_kernel_module_not_the_newer_libraries() throws Exception {
        Diagnosed d = diagnose("driver-mismatch");

        assertThat(d.json.path("host").path("driver").path("kernelModuleVersion").asText()).isEqualTo("535.161.07");
        assertThat(d.finding("DRIVER_LIBRARY_MISMATCH").path("title").asText()).contains("535.161.07", "535.183.01");
        // The old spec mounts the 535.161.07 libraries of the module that runs: no stale finding blames it.
        assertThat(d.codes("error")).doesNotContain("CDI_SPEC_STALE");
    }

    /** Main.run prints to System.out, the only way into the command line from outside its package. */
    private static Diagnosed diagnose(String name) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            code = Main.run("diagnose", "--simulate", name, "--format", "json");
        } finally {
            System.setOut(original);
        }
        return new Diagnosed(code, new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)));
    }

    private record Diagnosed(int exitCode, JsonNode json) {
        JsonNode finding(String code) {
            return StreamSupport.stream(json.path("findings").spliterator(), false)
                    .filter(f -> f.path("code").asText().equals(code))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + code + " in " + json));
        }

        List<String> codes(String severity) {
            return StreamSupport.stream(json.path("findings").spliterator(), false)
                    .filter(f -> f.path("severity").asText().equals(severity))
                    .map(f -> f.path("code").asText())
                    .toList();
        }
    }
}
