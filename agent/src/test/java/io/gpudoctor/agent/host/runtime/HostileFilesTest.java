package io.gpudoctor.agent.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever the config files hold, the probes and checks finish and report, never fail. */
class HostileFilesTest {

    private static final List<String> CONFIGS = List.of(
            "/etc/nvidia-container-runtime/config.toml", "/etc/docker/daemon.json", "/etc/containerd/config.toml",
            "/etc/containerd/conf.d/99-nvidia.toml", "/etc/crio/crio.conf", "/etc/crio/crio.conf.d/99-nvidia.toml");

    @TempDir
    Path root;

    private HostTree everyEngine() {
        return new HostTree(root).fixture("toolkit").fixture("docker").fixture("containerd-v2").fixture("crio");
    }

    @Test
    void randomBytesInEveryConfigFileNeverFailACheck() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            HostTree host = everyEngine();
            for (String config : CONFIGS) {
                byte[] bytes = new byte[random.nextInt(2048)];
                random.nextBytes(bytes);
                host.bytes(config, bytes);
            }
            assertThat(host.diagnose()).extracting(Finding::code).doesNotContain(FindingCode.CHECK_FAILED);
        }
    }

    @Test
    void deeplyNestedDocumentsAreProblemsNotStackOverflows() {
        HostTree host = everyEngine()
                .file("/etc/docker/daemon.json", "[".repeat(100_000))
                .file("/etc/containerd/config.toml", "a = " + "[".repeat(100_000))
                .file("/etc/crio/crio.conf", "a = " + "{b=".repeat(100_000));

        List<Finding> findings = host.diagnose();

        assertThat(findings).extracting(Finding::code).doesNotContain(FindingCode.CHECK_FAILED)
                .contains(FindingCode.DOCKER_CONFIG_INVALID, FindingCode.CONTAINERD_CONFIG_INVALID, FindingCode.CRIO_CONFIG_INVALID);
    }

    @Test
    void configPathsThatAreFoldersAreInvalidConfigs() {
        HostTree host = everyEngine().delete("/etc/docker/daemon.json").file("/etc/docker/daemon.json/x", "");

        assertThat(host.findings(FindingCode.DOCKER_CONFIG_INVALID)).singleElement()
                .satisfies(f -> assertThat(f.evidence().get(0).observed()).contains("not a regular file"));
    }
}
