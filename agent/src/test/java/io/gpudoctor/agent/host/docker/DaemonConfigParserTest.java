package io.gpudoctor.agent.host.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.host.runtime.ConfigProblem;
import io.gpudoctor.agent.host.runtime.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DaemonConfigParserTest {

    private static final String PATH = "/etc/docker/daemon.json";

    @Test
    void theNvidiaCtkShapeReadsTheRuntimeCdiAndCgroupDriver() {
        DaemonConfig config = DaemonConfigParser.parse(PATH, """
                {"runtimes": {"nvidia": {"args": [], "path": "/usr/bin/nvidia-container-runtime"}},
                 "default-runtime": "nvidia", "features": {"cdi": true},
                 "exec-opts": ["native.cgroupdriver=systemd"]}""").value().orElseThrow();

        assertThat(config.runtimes()).containsEntry("nvidia", Optional.of("/usr/bin/nvidia-container-runtime"));
        assertThat(config.defaultRuntime()).contains("nvidia");
        assertThat(config.cdi()).contains(true);
        assertThat(config.cgroupDriver()).contains("systemd");
    }

    @Test
    void anEmptyFileIsAllDefaults() {
        ParseResult<DaemonConfig> result = DaemonConfigParser.parse(PATH, "  \n");

        assertThat(result.problems()).isEmpty();
        assertThat(result.value().orElseThrow().runtimes()).isEmpty();
    }

    @Test
    void aTruncatedFileIsAProblemWithLineAndColumn() {
        ParseResult<DaemonConfig> result = DaemonConfigParser.parse(PATH, "{\n  \"runtimes\": {\n    \"nvidia\": {");

        assertThat(result.value()).isEmpty();
        assertThat(result.problems()).extracting(ConfigProblem::message).singleElement().asString()
                .matches("line 3, column \\d+: .*");
    }

    @Test
    void malformedJsonIsAProblem() {
        assertThat(DaemonConfigParser.parse(PATH, "{\"runtimes\": {nvidia: 1}}").problems()).hasSize(1);
    }

    @Test
    void textAfterTheObjectIsAProblem() {
        assertThat(DaemonConfigParser.parse(PATH, "{} {}").problems()).hasSize(1);
    }

    @Test
    void binaryContentIsAProblemNotAnException() {
        byte[] bytes = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, (byte) 0xff};

        assertThat(DaemonConfigParser.parse(PATH, new String(bytes, StandardCharsets.UTF_8)).problems()).isNotEmpty();
    }

    @Test
    void aTopLevelThatIsNotAnObjectIsAProblem() {
        assertThat(DaemonConfigParser.parse(PATH, "[1, 2]").problems()).extracting(ConfigProblem::message)
                .singleElement().asString().contains("JSON object");
    }

    @Test
    void valuesOfTheWrongTypeAreProblems() {
        ParseResult<DaemonConfig> result = DaemonConfigParser.parse(PATH,
                "{\"features\": {\"cdi\": \"true\"}, \"exec-opts\": \"native.cgroupdriver=systemd\"}");

        assertThat(result.problems()).extracting(ConfigProblem::message).containsExactly(
                "features.cdi must be true or false, found \"true\"",
                "exec-opts must be a list of strings, found \"native.cgroupdriver=systemd\"");
    }
}
