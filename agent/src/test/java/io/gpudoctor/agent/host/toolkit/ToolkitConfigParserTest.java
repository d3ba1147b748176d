package io.gpudoctor.agent.host.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.host.runtime.ConfigProblem;
import io.gpudoctor.agent.host.runtime.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ToolkitConfigParserTest {

    private static final String PATH = "/etc/nvidia-container-runtime/config.toml";

    @Test
    void theShippedDefaultFileReadsEveryKey() throws IOException {
        String text = Files.readString(Path.of("src/test/resources/host/runtime/toolkit/etc/nvidia-container-runtime/config.toml"));

        ToolkitConfig config = ToolkitConfigParser.parse(PATH, text).value().orElseThrow();

        assertThat(config.cli().ldconfig()).contains("@/sbin/ldconfig");
        assertThat(config.cli().loadKmods()).contains(true);
        assertThat(config.cli().noCgroups()).isEmpty();
        assertThat(config.effectiveMode()).isEqualTo("auto");
        assertThat(config.runtime().cdiSpecDirs()).containsExactly("/etc/cdi", "/var/run/cdi");
        assertThat(config.runtime().cudaCompatMode()).contains("ldconfig");
        assertThat(config.runtime().hookSkipModeDetection()).contains(false);
        assertThat(config.supportedDriverCapabilities()).contains("compat32,compute,display,graphics,ngx,utility,video");
    }

    @Test
    void anEmptyFileIsAllDefaults() {
        ParseResult<ToolkitConfig> result = ToolkitConfigParser.parse(PATH, "");

        assertThat(result.problems()).isEmpty();
        assertThat(result.value().orElseThrow().effectiveMode()).isEqualTo("auto");
    }

    @Test
    void aTruncatedFileIsAProblemWithItsLine() {
        ParseResult<ToolkitConfig> result = ToolkitConfigParser.parse(PATH, "[nvidia-container-runtime]\nmode = \"cd");

        assertThat(result.value()).isEmpty();
        assertThat(result.problems()).extracting(ConfigProblem::message).singleElement().asString().startsWith("line 2");
    }

    @Test
    void malformedTomlIsAProblem() {
        assertThat(ToolkitConfigParser.parse(PATH, "[nvidia-container-cli\nldconfig = 1").problems()).hasSize(1);
    }

    @Test
    void binaryContentIsAProblemNotAnException() {
        byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 0x7f};

        assertThat(ToolkitConfigParser.parse(PATH, new String(bytes, StandardCharsets.UTF_8)).problems()).isNotEmpty();
    }

    @Test
    void aValueOfTheWrongTypeIsAProblemAndTheRestIsStillRead() {
        ParseResult<ToolkitConfig> result = ToolkitConfigParser.parse(PATH,
                "[nvidia-container-cli]\nno-cgroups = \"yes\"\nldconfig = \"/sbin/ldconfig\"\n");

        assertThat(result.problems()).extracting(ConfigProblem::message)
                .containsExactly("nvidia-container-cli.no-cgroups must be true or false, found \"yes\"");
        assertThat(result.value().orElseThrow().cli().ldconfig()).contains("/sbin/ldconfig");
    }

    @Test
    void featuresAreReadByName() {
        ToolkitConfig config = ToolkitConfigParser.parse(PATH, "[features]\ndisable-cuda-compat-lib-hook = true\n")
                .value().orElseThrow();

        assertThat(config.feature("disable-cuda-compat-lib-hook")).isTrue();
        assertThat(config.feature("allow-ldconfig-from-container")).isFalse();
    }
}
