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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

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
    void theWorkstationsNotebookNeedsCuda13WhichIts560DriverCannotRun() throws Exception {
        CliRun run = CliRun.of("diagnose", "--simulate", "workstation-rtx4090", "--container", "comfyui",
                "--format", "json");

        JsonNode json = validJson(run);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(json.at("/container/cuda/required").asText()).isEqualTo("13.0");
        assertThat(json.at("/container/cuda/source").asText()).endsWith("torch/version.py");
        assertThat(json.at("/findings/0/code").asText()).isEqualTo("CUDA_DRIVER_TOO_OLD");
        assertThat(json.at("/findings/0/scope").asText()).isEqualTo("container");
        assertThat(json.at("/findings/0/fix").asText()).contains(">= 580.65.06").contains("cu126");
        assertThat(run.out()).doesNotContain("not-kept-by-gpu-doctor");
    }

    @Test
    void textNamesTheDiagnosedContainerWithItsPod() {
        CliRun run = CliRun.of("diagnose", "--simulate", "dgx-h100", "--container", "training/llama-pretrain-0/trainer");

        assertThat(run.out()).contains("Container trainer (containerd ").contains("pod training/llama-pretrain-0");
    }

    @Test
    void textStartsWithTheAnswerAndHasNoColoursWhenNotOnATerminal() {
        CliRun run = CliRun.of("diagnose", "--path.rootfs", emptyRoot.toString());

        assertThat(run.out()).startsWith("No container on this node can use a GPU: ").contains("\nVerdict: ")
                .doesNotContain("\u001b[");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aContainerReferenceOnAHostWithoutContainersIsAUsageErrorOfOneLine() {
        CliRun run = CliRun.of("diagnose", "--container", "abc", "--path.rootfs", emptyRoot.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("gpu-doctor diagnose: ").contains("abc");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theJsonOfASimulatedPodsContainerDescribesItAndFollowsTheDocumentedShape() throws Exception {
        CliRun run = CliRun.of("diagnose", "--simulate", "dgx-h100", "--container",
                "training/llama-pretrain-0/trainer", "--format", "json");

        JsonNode container = validJson(run).at("/container");
        assertThat(container.at("/ref").asText()).isEqualTo("training/llama-pretrain-0/trainer");
        assertThat(container.at("/id").asText()).matches("[0-9a-f]{64}");
        assertThat(container.at("/name").asText()).isEqualTo("trainer");
        assertThat(container.at("/pod").asText()).isEqualTo("llama-pretrain-0");
        assertThat(container.at("/namespace").asText()).isEqualTo("training");
        assertThat(container.at("/runtime").asText()).isEqualTo("containerd");
        assertThat(container.at("/pid").asLong()).isPositive();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aDockerContainerNamedOnAWorkstationHasNoPodAndFollowsTheDocumentedShape() throws Exception {
        CliRun run = CliRun.of("diagnose", "--simulate", "workstation-rtx4090", "--container", "comfyui",
                "--format", "json");

        JsonNode container = validJson(run).at("/container");
        assertThat(container.at("/name").asText()).isEqualTo("comfyui");
        assertThat(container.at("/runtime").asText()).isEqualTo("docker");
        assertThat(container.at("/pod").isNull()).isTrue();
        assertThat(container.at("/namespace").isNull()).isTrue();
    }

    @Test
    void anUnknownContainerIsAUsageErrorOfOneLineNamingANearMatch() {
        CliRun run = CliRun.of("diagnose", "--simulate", "dgx-h100", "--container", "training/llama-pretrain-0/trainr");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("gpu-doctor diagnose: ").contains("did you mean").contains("training/llama-pretrain-0/trainer");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("hostileReferences")
    void aHostileContainerReferenceIsAUsageErrorOfOneShortLine(String ref) {
        CliRun run = CliRun.of("diagnose", "--simulate", "dgx-h100", "--container", ref);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("gpu-doctor diagnose: ").doesNotContain("\0").hasSizeLessThan(400);
        assertThat(run.out()).isEmpty();
    }

    static Stream<String> hostileReferences() {
        return Stream.of("../../etc/passwd", "trainer\0/../../etc/shadow", "a".repeat(10 * 1024));
    }

    @Test
    void moreGpusExpectedThanTheNodeHasIsAnErrorNamingTheDiagnoseFlag() throws Exception {
        CliRun run = CliRun.of("diagnose", "--simulate", "dgx-h100", "--gpus.expected", "9", "--format", "json");

        JsonNode json = validJson(run);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(json.at("/findings/0/code").asText()).isEqualTo("GPU_COUNT_BELOW_EXPECTED");
        assertThat(json.at("/findings/0/title").asText())
                .isEqualTo("NVML sees 8 GPUs, but 9 are expected by --gpus.expected=9 (diagnose flag)");
    }

    @Test
    void asManyGpusExpectedAsTheNodeHasLeavesItOk() {
        CliRun run = CliRun.of("diagnose", "--simulate", "dgx-h100", "--gpus.expected", "8");

        assertThat(run.out()).doesNotContain("GPU_COUNT_BELOW_EXPECTED");
        assertThat(run.exitCode()).isEqualTo(0);
    }

    @Test
    void anExpectedGpuCountOutOfRangeIsAUsageErrorOfOneLineWithItsRange() {
        CliRun run = CliRun.of("diagnose", "--simulate", "dgx-h100", "--gpus.expected", "65");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("gpu-doctor diagnose: --gpus.expected must be between 0 and 64, not 65\n");
    }

    @Test
    void aBrokenScenarioIsAUsageErrorNotAStackTrace() throws Exception {
        java.nio.file.Files.writeString(emptyRoot.resolve("scenario.yaml"), "driverVersion: [unterminated\n");

        CliRun run = CliRun.of("diagnose", "--simulate", emptyRoot.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("gpu-doctor diagnose: ").doesNotContain("\tat ");
    }
}
