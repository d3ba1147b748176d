package io.gpudoctor.agent.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.containerd.ContainerdFacts;
import io.gpudoctor.agent.host.crio.CrioFacts;
import io.gpudoctor.agent.host.docker.DockerFacts;
import io.gpudoctor.agent.host.engines.HostDeviceFacts;
import io.gpudoctor.agent.host.toolkit.ToolkitFacts;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each engine configured exactly as {@code nvidia-ctk runtime configure} leaves it yields no warning or error. */
class HealthyHostsTest {

    private static final Instant STARTED = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path root;

    private HostTree host(String engine) {
        return new HostTree(root).fixture("toolkit").fixture(engine);
    }

    private static void assertHealthy(HostTree host) {
        assertThat(host.diagnose()).filteredOn(f -> f.severity() != Severity.INFO)
                .extracting(Finding::code).isEmpty();
    }

    @Test
    void dockerConfiguredByNvidiaCtkAndRestartedIsHealthy() {
        HostTree host = host("docker")
                .modified("/etc/docker/daemon.json", STARTED.minusSeconds(60))
                .process(812, "dockerd", STARTED);
        assertHealthy(host);
    }

    @Test
    void containerdV2WithTheNvidiaDropInImportedIsHealthy() {
        assertHealthy(host("containerd-v2").process(700, "containerd", STARTED));
    }

    @Test
    void containerdV3WithTheNvidiaDropInImportedIsHealthy() {
        assertHealthy(host("containerd-v3").process(700, "containerd", STARTED));
    }

    @Test
    void crioWithTheNvidiaDropInIsHealthy() {
        assertHealthy(host("crio"));
    }

    @Test
    void theHealthyFixturesExposeWhatTheOtherChecksNeed() {
        HostTree host = host("docker").fixture("containerd-v3").fixture("crio");
        HostFacts facts = host.facts();

        assertThat(facts.get(ToolkitFacts.class).version()).contains("1.17.8-1");
        assertThat(facts.get(DockerFacts.class).nvidiaRuntime()).isTrue();
        assertThat(facts.get(ContainerdFacts.class).runtimes())
                .containsKeys("nvidia", "nvidia-cdi", "nvidia-legacy");
        assertThat(facts.get(CrioFacts.class).nvidiaRuntimes()).hasSize(1);
        assertThat(facts.get(HostDeviceFacts.class).driverGpus()).containsExactly("0000:01:00.0");
    }
}
