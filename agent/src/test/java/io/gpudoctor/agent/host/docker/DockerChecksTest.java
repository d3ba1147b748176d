package io.gpudoctor.agent.host.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.runtime.HostTree;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerChecksTest {

    private static final String DAEMON_JSON = "/etc/docker/daemon.json";
    private static final Instant STARTED = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path root;

    private HostTree dockerHost() {
        return new HostTree(root).fixture("toolkit").fixture("docker");
    }

    @Test
    void dockerWithoutNvidiaRuntimeButWithTheHookIsAWarning() {
        Finding finding = dockerHost().file(DAEMON_JSON, "{}").findings(FindingCode.DOCKER_RUNTIME_NOT_CONFIGURED).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.fix()).contains("nvidia-ctk runtime configure --runtime=docker && sudo systemctl restart docker");
    }

    @Test
    void dockerWithoutDaemonJsonAndWithoutTheHookIsAnError() {
        Finding finding = dockerHost().delete(DAEMON_JSON).delete("/usr/bin/nvidia-container-runtime-hook")
                .findings(FindingCode.DOCKER_RUNTIME_NOT_CONFIGURED).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.evidence()).contains(new Evidence(DAEMON_JSON, "file missing"));
        assertThat(finding.fix()).contains("nvidia-ctk runtime configure --runtime=docker");
    }

    @Test
    void dockerWithCdiEnabledNeedsNoNvidiaRuntime() {
        HostTree host = dockerHost().file(DAEMON_JSON, "{\"features\": {\"cdi\": true}}");

        assertThat(host.findings(FindingCode.DOCKER_RUNTIME_NOT_CONFIGURED)).isEmpty();
        assertThat(host.facts().get(DockerFacts.class).cdiExpectedBy())
                .containsExactly(new Evidence(DAEMON_JSON, "features.cdi = true"));
    }

    @Test
    void aRunningDockerdCountsAsDockerEvenWithoutItsBinary() {
        HostTree host = dockerHost().delete("/usr/bin/dockerd").file(DAEMON_JSON, "{}").process(812, "dockerd", STARTED);

        assertThat(host.findings(FindingCode.DOCKER_RUNTIME_NOT_CONFIGURED)).hasSize(1);
    }

    @Test
    void aHostWithoutDockerHasNoDockerFindings() {
        HostTree host = new HostTree(root).fixture("toolkit");

        assertThat(host.diagnose()).extracting(Finding::code)
                .doesNotContain(FindingCode.DOCKER_RUNTIME_NOT_CONFIGURED, FindingCode.DOCKER_CONFIG_INVALID);
    }

    @Test
    void aNvidiaRuntimeWhoseExecutableIsMissingIsAnError() {
        Finding finding = dockerHost()
                .file(DAEMON_JSON, "{\"runtimes\": {\"nvidia\": {\"path\": \"/opt/nvidia/nvidia-container-runtime\"}}}")
                .findings(FindingCode.DOCKER_RUNTIME_NOT_CONFIGURED).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.evidence()).containsExactly(new Evidence(DAEMON_JSON + ": runtimes.nvidia.path",
                "/opt/nvidia/nvidia-container-runtime (not found)"));
        assertThat(finding.fix()).contains("nvidia-ctk runtime configure --runtime=docker");
    }

    @Test
    void aDaemonJsonThatIsNotJsonIsAnErrorWithLineAndColumn() {
        Finding finding = dockerHost().file(DAEMON_JSON, "{\n  \"runtimes\": {\n  }\n  \"features\": {}\n}")
                .findings(FindingCode.DOCKER_CONFIG_INVALID).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.evidence()).extracting(Evidence::observed).singleElement().asString().startsWith("line 4, column");
        assertThat(finding.fix()).contains("dockerd --validate").contains("systemctl restart docker");
    }

    @Test
    void anInvalidDaemonJsonDoesNotAlsoClaimTheRuntimeIsMissing() {
        HostTree host = dockerHost().file(DAEMON_JSON, "{");

        assertThat(host.findings(FindingCode.DOCKER_RUNTIME_NOT_CONFIGURED)).isEmpty();
    }

    @Test
    void valuesOfTheWrongTypeAreAnError() {
        Finding finding = dockerHost().file(DAEMON_JSON, "{\"runtimes\": {\"nvidia\": {\"path\": 7}}}")
                .findings(FindingCode.DOCKER_CONFIG_INVALID).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.evidence()).containsExactly(new Evidence(DAEMON_JSON, "runtimes.nvidia.path must be a string, found 7"));
    }

    @Test
    void aDefaultRuntimeThatIsNotDefinedIsAnError() {
        Finding finding = dockerHost().file(DAEMON_JSON, "{\"default-runtime\": \"nvidia\"}")
                .findings(FindingCode.DOCKER_CONFIG_INVALID).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.evidence()).extracting(Evidence::observed).containsExactly(
                "default-runtime \"nvidia\" is not defined under runtimes");
        assertThat(finding.fix()).contains("systemctl restart docker");
    }

    @Test
    void anOversizedDaemonJsonIsReportedAsUnreadNotAsWrong() {
        Finding finding = dockerHost().file(DAEMON_JSON, " ".repeat((1 << 20) + 1))
                .findings(FindingCode.DOCKER_CONFIG_INVALID).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.title()).contains("could not read");
        assertThat(finding.evidence()).extracting(Evidence::observed).singleElement().asString().contains("larger than");
    }

    @Test
    void aDaemonJsonChangedAfterDockerdStartedIsARestartPending() {
        Finding finding = dockerHost().modified(DAEMON_JSON, STARTED.plusSeconds(30)).process(812, "dockerd", STARTED)
                .findings(FindingCode.DOCKER_RESTART_PENDING).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.evidence()).contains(new Evidence("/proc/812/stat", "dockerd started " + STARTED));
        assertThat(finding.fix()).contains("systemctl restart docker");
    }

    @Test
    void aChangeWithinTheStartTimesPrecisionIsNotARestartPending() {
        HostTree host = dockerHost().modified(DAEMON_JSON, STARTED.plusMillis(900)).process(812, "dockerd", STARTED);

        assertThat(host.findings(FindingCode.DOCKER_RESTART_PENDING)).isEmpty();
    }

    @Test
    void withoutARunningDockerdNoRestartIsPending() {
        HostTree host = dockerHost().modified(DAEMON_JSON, STARTED.plusSeconds(30));

        assertThat(host.findings(FindingCode.DOCKER_RESTART_PENDING)).isEmpty();
    }
}
