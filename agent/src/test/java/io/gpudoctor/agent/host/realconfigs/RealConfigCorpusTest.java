package io.gpudoctor.agent.host.realconfigs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.host.containerd.ContainerdConfigParser;
import io.gpudoctor.agent.host.crio.CrioConfigParser;
import io.gpudoctor.agent.host.docker.DaemonConfigParser;
import io.gpudoctor.agent.host.runtime.ParseResult;
import io.gpudoctor.agent.host.toolkit.ToolkitConfigParser;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real configuration file of the corpus parses with the parser of its engine, with no problem reported. */
class RealConfigCorpusTest {

    static Stream<Arguments> files() {
        BiFunction<String, String, ParseResult<?>> containerd = ContainerdConfigParser::parse;
        BiFunction<String, String, ParseResult<?>> crio = CrioConfigParser::parse;
        BiFunction<String, String, ParseResult<?>> toolkit = ToolkitConfigParser::parse;
        BiFunction<String, String, ParseResult<?>> docker = DaemonConfigParser::parse;
        return Stream.of(
                Arguments.of("debian/containerd-config.toml", containerd),
                Arguments.of("nvidia-toolkit/containerd-config_empty.toml", containerd),
                Arguments.of("nvidia-toolkit/containerd-config_v1.toml", containerd),
                Arguments.of("nvidia-toolkit/containerd-config_v2.toml", containerd),
                Arguments.of("nvidia-toolkit/installer-containerd-v1-set-as-default.toml", containerd),
                Arguments.of("nvidia-toolkit/installer-containerd-v2-dropin.toml", containerd),
                Arguments.of("nvidia-toolkit/installer-containerd-v3-dropin.toml", containerd),
                Arguments.of("microk8s/containerd-template.toml", containerd),
                Arguments.of("k3s/config.toml", containerd),
                Arguments.of("talos/containerd.toml", containerd),
                Arguments.of("talos/cri-containerd.toml", containerd),
                Arguments.of("talos/cri-plugin.part", containerd),
                Arguments.of("talos/cri.toml", containerd),
                Arguments.of("talos/10-nvidia-container-runtime.part", containerd),
                Arguments.of("crio/config-v1.17.0.toml", crio),
                Arguments.of("crio/installer-crio-crun-default.conf", crio),
                Arguments.of("crio/installer-crio-99-nvidia.toml", crio),
                Arguments.of("crio/installer-crio-99-nvidia-set-as-default.toml", crio),
                Arguments.of("nvidia-toolkit/config.toml.debian", toolkit),
                Arguments.of("nvidia-toolkit/config.toml.ubuntu", toolkit),
                Arguments.of("nvidia-toolkit/config.toml.rpm-yum", toolkit),
                Arguments.of("nvidia-toolkit/nvidia-container-runtime-config.toml", toolkit),
                Arguments.of("microk8s/nvidia-container-runtime-config.toml", toolkit),
                Arguments.of("talos/nvidia-container-runtime.toml", toolkit),
                Arguments.of("nvidia-toolkit/docker-daemon.json", docker));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void eachRealFileParsesWithoutAProblem(String name, BiFunction<String, String, ParseResult<?>> parser) {
        ParseResult<?> parsed = parser.apply("/" + name, RealConfigHost.corpus(name));

        assertThat(parsed.value()).as(name).isPresent();
        assertThat(parsed.problems()).as(name).isEmpty();
    }
}
