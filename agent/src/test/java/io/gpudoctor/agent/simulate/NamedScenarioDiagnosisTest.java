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
    void broken_node_reports_its_driver_mismatch_lost_gpu_ecc_error_and_stale_cdi_spec_as_errors() throws Exception {
        Diagnosed d = diagnose("broken-node");

        assertThat(d.exitCode).isEqualTo(1);
        assertThat(d.codes("error")).contains("DRIVER_LIBRARY_MISMATCH", "GPU_LOST", "ECC_UNCORRECTABLE_ERRORS", "XID_ERROR", "CDI_SPEC_STALE");
        assertThat(d.codes("warn")).contains("ROW_REMAP_FAILURE");
    }

    @Test
    void broken_node_still_runs_the_kernel_module_from_before_the_upgrade() throws Exception {
        Diagnosed d = diagnose("broken-node");

        assertThat(d.json.path("host").path("driver").path("kernelModuleVersion").asText()).isEqualTo("535.161.07");
        assertThat(d.json.path("host").path("driver").path("nvml").path("version").asText()).endsWith("535.183.01");
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
        List<String> codes(String severity) {
            return StreamSupport.stream(json.path("findings").spliterator(), false)
                    .filter(f -> f.path("severity").asText().equals(severity))
                    .map(f -> f.path("code").asText())
                    .toList();
        }
    }
}
