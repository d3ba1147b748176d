package io.gpudoctor.agent.host.engines;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.runtime.HostTree;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupDeviceAccessCheckTest {

    private static final String DAEMON_JSON = "/etc/docker/daemon.json";
    private static final String SYSTEMD_DOCKER = "{\"runtimes\": {\"nvidia\": {\"path\": \"nvidia-container-runtime\"}},"
            + " \"exec-opts\": [\"native.cgroupdriver=systemd\"]}";

    @TempDir
    Path root;

    private HostTree dockerHostWithoutCharLinks() {
        return new HostTree(root).fixture("toolkit").fixture("docker").delete("/dev/char/195:0").delete("/dev/char/195:255");
    }

    @Test
    void legacyInjectionWithDockersSystemdDriverAndNoCharLinksIsAtRisk() {
        Finding finding = dockerHostWithoutCharLinks().file(DAEMON_JSON, SYSTEMD_DOCKER)
                .findings(FindingCode.CGROUP_DEVICE_ACCESS_AT_RISK).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.evidence()).contains(new Evidence(DAEMON_JSON, "exec-opts native.cgroupdriver=systemd"),
                new Evidence("/dev/char", "no 195:* links"));
        assertThat(finding.fix()).contains("nvidia-ctk system create-dev-char-symlinks --create-all")
                .contains("native.cgroupdriver=cgroupfs").contains("CDI");
    }

    @Test
    void dockerOnCgroupV2WithoutADriverSetUsesSystemd() {
        HostTree host = dockerHostWithoutCharLinks().file("/sys/fs/cgroup/cgroup.controllers", "cpu io memory pids\n");

        assertThat(host.findings(FindingCode.CGROUP_DEVICE_ACCESS_AT_RISK)).singleElement()
                .satisfies(f -> assertThat(f.evidence()).extracting(Evidence::source)
                        .contains("/sys/fs/cgroup/cgroup.controllers"));
    }

    @Test
    void dockerOnCgroupV1WithoutADriverSetUsesCgroupfs() {
        assertThat(dockerHostWithoutCharLinks().findings(FindingCode.CGROUP_DEVICE_ACCESS_AT_RISK)).isEmpty();
    }

    @Test
    void theCharLinksRemoveTheRisk() {
        HostTree host = dockerHostWithoutCharLinks().file(DAEMON_JSON, SYSTEMD_DOCKER).file("/dev/char/195:0", "");

        assertThat(host.findings(FindingCode.CGROUP_DEVICE_ACCESS_AT_RISK)).isEmpty();
    }

    @Test
    void anEngineUsingCdiIsNotAtRisk() {
        HostTree host = dockerHostWithoutCharLinks().file(DAEMON_JSON,
                "{\"exec-opts\": [\"native.cgroupdriver=systemd\"], \"features\": {\"cdi\": true}}");

        assertThat(host.findings(FindingCode.CGROUP_DEVICE_ACCESS_AT_RISK)).isEmpty();
    }

    @Test
    void autoModeOnAToolkitWithJitCdiIsNotLegacy() {
        HostTree host = dockerHostWithoutCharLinks().file(DAEMON_JSON, SYSTEMD_DOCKER).file("/var/lib/dpkg/status",
                "Package: nvidia-container-toolkit\nStatus: install ok installed\nVersion: 1.18.0-1\n");

        assertThat(host.findings(FindingCode.CGROUP_DEVICE_ACCESS_AT_RISK)).isEmpty();
    }

    @Test
    void containerdWithSystemdCgroupIsAtRisk() {
        HostTree host = new HostTree(root).fixture("toolkit").fixture("containerd-v2")
                .delete("/dev/char/195:0").delete("/dev/char/195:255");

        Finding finding = host.findings(FindingCode.CGROUP_DEVICE_ACCESS_AT_RISK).get(0);

        assertThat(finding.evidence()).extracting(Evidence::observed).contains("runtimes.nvidia.options.SystemdCgroup = true");
        assertThat(finding.fix()).contains("create-dev-char-symlinks");
    }

    @Test
    void crioDefaultsToTheSystemdCgroupManager() {
        HostTree host = new HostTree(root).fixture("toolkit").fixture("crio")
                .delete("/dev/char/195:0").delete("/dev/char/195:255");

        assertThat(host.findings(FindingCode.CGROUP_DEVICE_ACCESS_AT_RISK)).singleElement()
                .satisfies(f -> assertThat(f.evidence()).contains(new Evidence("/etc/crio", "cgroup_manager = systemd")));
    }
}
