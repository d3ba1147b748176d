package io.gpudoctor.agent.host.containerd;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.host.runtime.ConfigProblem;
import io.gpudoctor.agent.host.runtime.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerdConfigParserTest {

    private static final String PATH = "/etc/containerd/config.toml";

    private static ContainerdConfig parse(String text) {
        return ContainerdConfigParser.parse(PATH, text).value().orElseThrow();
    }

    @Test
    void anUnversionedFileIsVersionOneWithTheCriPluginId() {
        ContainerdConfig config = parse("""
                [plugins.cri.containerd.runtimes.nvidia]
                  runtime_type = "io.containerd.runc.v2"
                  [plugins.cri.containerd.runtimes.nvidia.options]
                    BinaryName = "/usr/bin/nvidia-container-runtime"
                """);

        assertThat(config.version()).isEqualTo(1);
        assertThat(config.runtimes().get("nvidia").binaryName()).contains("/usr/bin/nvidia-container-runtime");
    }

    @Test
    void versionTwoReadsTheGrpcCriPluginWithCdiAndDefaultRuntime() {
        ContainerdConfig config = parse("""
                version = 2
                [plugins."io.containerd.grpc.v1.cri"]
                  enable_cdi = true
                  [plugins."io.containerd.grpc.v1.cri".containerd]
                    default_runtime_name = "nvidia"
                    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.nvidia.options]
                      BinaryName = "nvidia-container-runtime"
                      SystemdCgroup = true
                """);

        assertThat(config.enableCdi()).contains(true);
        assertThat(config.defaultRuntimeName()).contains("nvidia");
        assertThat(config.runtimes().get("nvidia").systemdCgroup()).contains(true);
    }

    @Test
    void aRuntimeUnderAnotherVersionsPluginIdIsMisplaced() {
        ContainerdConfig config = parse("""
                version = 3
                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.nvidia.options]
                  BinaryName = "/usr/bin/nvidia-container-runtime"
                """);

        assertThat(config.runtimes()).isEmpty();
        assertThat(config.misplacedRuntimes()).extracting(ContainerdRuntime::pluginId)
                .containsExactly("io.containerd.grpc.v1.cri");
    }

    @Test
    void disabledPluginsAndImportsAreRead() {
        ContainerdConfig config = parse("disabled_plugins = [\"cri\"]\nimports = [\"conf.d/*.toml\"]\n");

        assertThat(config.disabledPlugins()).contains(List.of("cri"));
        assertThat(config.imports()).containsExactly("conf.d/*.toml");
    }

    @Test
    void anEmptyFileIsAllDefaults() {
        ParseResult<ContainerdConfig> result = ContainerdConfigParser.parse(PATH, "");

        assertThat(result.problems()).isEmpty();
        assertThat(result.value().orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aTruncatedFileIsAProblemWithItsLine() {
        ParseResult<ContainerdConfig> result = ContainerdConfigParser.parse(PATH,
                "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\"");

        assertThat(result.value()).isEmpty();
        assertThat(result.problems()).extracting(ConfigProblem::message).singleElement().asString().startsWith("line 2");
    }

    @Test
    void malformedTomlIsAProblem() {
        assertThat(ContainerdConfigParser.parse(PATH, "version = = 2").problems()).hasSize(1);
    }

    @Test
    void binaryContentIsAProblemNotAnException() {
        byte[] bytes = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0};

        assertThat(ContainerdConfigParser.parse(PATH, new String(bytes, StandardCharsets.UTF_8)).problems()).isNotEmpty();
    }

    @Test
    void anUnknownVersionAndWrongTypesAreProblems() {
        ParseResult<ContainerdConfig> result = ContainerdConfigParser.parse(PATH,
                "version = 9\nimports = \"conf.d/*.toml\"\n");

        assertThat(result.problems()).extracting(ConfigProblem::message).containsExactly(
                "version = 9 is not a containerd config version (1, 2 or 3)",
                "imports must be a list of strings, found \"conf.d/*.toml\"");
    }
}
