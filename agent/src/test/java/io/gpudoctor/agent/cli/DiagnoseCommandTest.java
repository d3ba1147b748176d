package io.gpudoctor.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.gpudoctor.agent.json.Json;
import io.gpudoctor.testing.NativeFixtures;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiagnoseCommandTest {

    private static JsonSchema schema;

    @TempDir
    Path emptyRoot;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = DiagnoseCommandTest.class
                .getResourceAsStream("/io/gpudoctor/agent/schema/diagnosis-v1.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static JsonNode validJson(CliRun run) throws Exception {
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(schema.validate(json)).isEmpty();
        return json;
    }

    @Test
    void theJsonOfAHostWithoutDriverFollowsTheDocumentedShape() throws Exception {
        CliRun run = CliRun.of("diagnose", "--format", "json", "--path.rootfs", emptyRoot.toString());

        JsonNode json = validJson(run);
        assertThat(json.at("/schema").asText()).isEqualTo("gpu-doctor/diagnosis/v1");
        assertThat(json.at("/host/driver/nvml/status").asText()).isEqualTo("LIBRARY_NOT_LOADED");
        assertThat(json.at("/container").isNull()).isTrue();
    }

    @Test
    void theJsonOfNvidiasRealLibrariesNamesThemAndTheirStatus() throws Exception {
        CliRun run = CliRun.of("diagnose", "--format", "json", "--path.rootfs",
                NativeFixtures.nvidiaRoot535().toString());

        JsonNode json = validJson(run);
        assertThat(json.at("/host/driver/nvml/status").asText()).isEqualTo("NVML_ERROR_DRIVER_NOT_LOADED");
        assertThat(json.at("/host/driver/nvml/path").asText())
                .isEqualTo("/usr/lib/x86_64-linux-gnu/nvidia/current/libnvidia-ml.so.535.309.01");
        assertThat(json.at("/host/driver/cuda/driverVersion").asText()).isEqualTo("12.2");
        assertThat(json.at("/host/driver/cuda/initResult").asText()).isEqualTo("CUDA_ERROR_NO_DEVICE");
    }

    @ParameterizedTest
    @CsvSource({"535, 535.309.01", "470, 470.256.02"})
    void nvidiasRealLibrariesWithoutAKernelModuleAreKernelModuleNotLoadedNamingTheirVersion(String branch,
                                                                                           String version)
            throws Exception {
        Path root = branch.equals("535") ? NativeFixtures.nvidiaRoot535() : NativeFixtures.nvidiaRoot470();

        CliRun run = CliRun.of("diagnose", "--format", "json", "--path.rootfs", root.toString());

        JsonNode finding = validJson(run).at("/findings/0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(finding.at("/code").asText()).isEqualTo("KERNEL_MODULE_NOT_LOADED");
        assertThat(finding.at("/severity").asText()).isEqualTo("error");
        assertThat(finding.at("/evidence").toString()).contains(version);
        assertThat(finding.at("/fix").asText()).contains("modprobe nvidia");
    }

    @Test
    void theJsonOfASimulatedNodeListsItsGpus() throws Exception {
        CliRun run = CliRun.of("diagnose", "--format", "json", "--simulate", "dgx-h100");

        JsonNode json = validJson(run);
        assertThat(json.at("/host/gpus")).hasSize(8);
        assertThat(json.at("/host/gpus/0/computeCapability").asText()).isEqualTo("9.0");
        assertThat(json.at("/host/driver/nvml/status").asText()).isEqualTo("ok");
    }

    @Test
    void textStartsWithTheVerdictAndHasNoColoursWhenNotOnATerminal() {
        CliRun run = CliRun.of("diagnose", "--path.rootfs", emptyRoot.toString());

        assertThat(run.out()).startsWith("Verdict: ").doesNotContain("\u001b[");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aContainerReferenceIsAUsageErrorUntilContainerDiagnosisExists() {
        CliRun run = CliRun.of("diagnose", "--container", "abc");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("--container is not built yet");
    }

    @Test
    void aBrokenScenarioIsAUsageErrorNotAStackTrace() throws Exception {
        java.nio.file.Files.writeString(emptyRoot.resolve("scenario.yaml"), "driverVersion: [unterminated\n");

        CliRun run = CliRun.of("diagnose", "--simulate", emptyRoot.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("gpu-doctor diagnose: ").doesNotContain("\tat ");
    }
}
