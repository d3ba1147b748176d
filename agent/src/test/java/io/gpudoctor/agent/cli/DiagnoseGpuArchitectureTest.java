package io.gpudoctor.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diagnose} judges every GPU on the node against the driver branch, as {@code compat} does. */
class DiagnoseGpuArchitectureTest {

    @TempDir
    Path scenario;

    @Test
    void aVoltaNodeOnABranchPastR580IsAnErrorOfTheHost() throws Exception {
        Files.createDirectories(scenario.resolve("root"));
        Files.writeString(scenario.resolve("scenario.yaml"), """
                description: A V100 node upgraded to R590, past Volta's last driver branch.
                driverVersion: 590.44.01
                cudaDriverVersion: 13.1
                gpus:
                  - model: V100
                    pciBusId: "00000000:01:00.0"
                """);

        CliRun run = CliRun.of("diagnose", "--simulate", scenario.toString(), "--format", "json");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(json.at("/findings/0/code").asText()).isEqualTo("GPU_ARCH_UNSUPPORTED_BY_DRIVER");
        assertThat(json.at("/findings/0/scope").asText()).isEqualTo("host");
        assertThat(json.at("/findings/0/fix").asText()).contains("R580 or older");
    }
}
