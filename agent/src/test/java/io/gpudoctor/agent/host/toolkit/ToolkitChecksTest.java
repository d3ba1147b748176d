package io.gpudoctor.agent.host.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.runtime.HostTree;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolkitChecksTest {

    private static final String CONFIG = "/etc/nvidia-container-runtime/config.toml";

    @TempDir
    Path root;

    private HostTree dockerHost() {
        return new HostTree(root).fixture("toolkit").fixture("docker");
    }

    private HostTree withoutToolkit(HostTree host) {
        for (String name : List.of("nvidia-container-runtime", "nvidia-container-runtime-hook", "nvidia-ctk",
                "nvidia-container-cli", "nvidia-container-runtime.cdi", "nvidia-container-runtime.legacy")) {
            host.delete("/usr/bin/" + name);
        }
        return host;
    }

    private HostTree withPackageVersion(HostTree host, String version) {
        return host.file("/var/lib/dpkg/status",
                "Package: nvidia-container-toolkit\nStatus: install ok installed\nVersion: " + version + "\n");
    }

    @Test
    void aGpuHostWithDockerButNoToolkitIsAnError() {
        Finding finding = withoutToolkit(dockerHost()).findings(FindingCode.TOOLKIT_NOT_INSTALLED).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.fix()).contains("nvidia-container-toolkit").contains("nvidia-ctk runtime configure --runtime=docker");
    }

    @Test
    void aGpuHostWithoutAnyEngineOrToolkitIsInformationOnly() {
        Finding finding = withoutToolkit(new HostTree(root).fixture("toolkit"))
                .findings(FindingCode.TOOLKIT_NOT_INSTALLED).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.fix()).contains("nvidia-ctk runtime configure");
    }

    @Test
    void theGpuOperatorLayoutCountsAsInstalled() {
        HostTree host = withoutToolkit(dockerHost()).file("/usr/local/nvidia/toolkit/nvidia-container-runtime", "");

        assertThat(host.findings(FindingCode.TOOLKIT_NOT_INSTALLED)).isEmpty();
    }

    @Test
    void aHostWithoutGpusNeedsNoToolkit() {
        HostTree host = withoutToolkit(dockerHost()).delete("/proc/driver/nvidia/gpus/0000:01:00.0/information")
                .delete("/proc/driver/nvidia/gpus/0000:01:00.0");

        assertThat(host.findings(FindingCode.TOOLKIT_NOT_INSTALLED)).isEmpty();
    }

    @Test
    void anUnparseableConfigIsAnErrorNamingTheLine() {
        Finding finding = dockerHost().file(CONFIG, "disable-require = false\n[nvidia-container-cli\n")
                .findings(FindingCode.TOOLKIT_CONFIG_INVALID).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.evidence()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(CONFIG);
            assertThat(e.observed()).startsWith("line 2");
        });
        assertThat(finding.fix()).contains("nvidia-ctk config default");
    }

    @Test
    void anOversizedConfigIsReportedAsUnreadNotAsWrong() {
        Finding finding = dockerHost().file(CONFIG, "#".repeat((1 << 20) + 1))
                .findings(FindingCode.TOOLKIT_CONFIG_INVALID).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.title()).contains("could not read");
        assertThat(finding.evidence()).extracting(Evidence::observed).singleElement().asString()
                .contains("could not read " + CONFIG).contains("larger than");
        assertThat(finding.fix()).contains(CONFIG);
    }

    @Test
    void anLdconfigWithoutTheHostPrefixIsAnError() {
        Finding finding = dockerHost().file(CONFIG, "[nvidia-container-cli]\nldconfig = \"/sbin/ldconfig\"\n")
                .findings(FindingCode.TOOLKIT_CONFIG_INVALID).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.fix()).contains("ldconfig = \"@/sbin/ldconfig\"");
    }

    @Test
    void anLdconfigFromTheContainerThatIsAllowedIsAWarning() {
        Finding finding = dockerHost().file(CONFIG, "[nvidia-container-cli]\nldconfig = \"/sbin/ldconfig\"\n"
                        + "[features]\nallow-ldconfig-from-container = true\n")
                .findings(FindingCode.TOOLKIT_CONFIG_INVALID).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.fix()).contains("@/sbin/ldconfig");
    }

    @Test
    void noCgroupsIsAWarning() {
        Finding finding = dockerHost().file(CONFIG, "[nvidia-container-cli]\nno-cgroups = true\n")
                .findings(FindingCode.TOOLKIT_CONFIG_INVALID).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.fix()).contains("no-cgroups = false").contains("--device /dev/nvidia0");
    }

    @Test
    void ignoringTheEnvvarWithoutVolumeMountsIsAWarning() {
        Finding finding = dockerHost().file(CONFIG, "accept-nvidia-visible-devices-envvar-when-unprivileged = false\n")
                .findings(FindingCode.TOOLKIT_CONFIG_INVALID).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.fix()).contains("accept-nvidia-visible-devices-as-volume-mounts = true");
    }

    @Test
    void ignoringTheEnvvarWithVolumeMountsAcceptedIsFine() {
        HostTree host = dockerHost().file(CONFIG, "accept-nvidia-visible-devices-envvar-when-unprivileged = false\n"
                + "accept-nvidia-visible-devices-as-volume-mounts = true\n");

        assertThat(host.findings(FindingCode.TOOLKIT_CONFIG_INVALID)).isEmpty();
    }

    @Test
    void cdiModeWithDockerWithoutCdiIsAWarningAboutGpusFlag() {
        Finding finding = dockerHost().file(CONFIG, "[nvidia-container-runtime]\nmode = \"cdi\"\n")
                .findings(FindingCode.TOOLKIT_CONFIG_INVALID).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.fix()).contains("--runtime=nvidia").contains("mode = \"legacy\"");
    }

    @Test
    void cdiModeWithDockersCdiEnabledIsFine() {
        HostTree host = dockerHost().file(CONFIG, "[nvidia-container-runtime]\nmode = \"cdi\"\n")
                .file("/etc/docker/daemon.json", "{\"runtimes\":{\"nvidia\":{\"path\":\"nvidia-container-runtime\"}},"
                        + "\"features\":{\"cdi\":true}}");

        assertThat(host.findings(FindingCode.TOOLKIT_CONFIG_INVALID)).isEmpty();
    }

    @Test
    void anUnknownModeIsAWarning() {
        Finding finding = dockerHost().file(CONFIG, "[nvidia-container-runtime]\nmode = \"fast\"\n")
                .findings(FindingCode.TOOLKIT_CONFIG_INVALID).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.fix()).contains("\"legacy\"");
    }

    @Test
    void cdiModeIsExposedAsExpectingCdi() {
        HostTree host = dockerHost().file(CONFIG, "[nvidia-container-runtime]\nmode = \"cdi\"\n");

        assertThat(host.facts().get(ToolkitFacts.class).cdiExpectedBy())
                .containsExactly(new Evidence(CONFIG, "nvidia-container-runtime.mode = \"cdi\""));
    }

    @Test
    void aToolkitBeforeTheNvidiascapeFixIsACriticalError() {
        Finding finding = withPackageVersion(dockerHost(), "1.17.7-1").findings(FindingCode.TOOLKIT_VULNERABLE).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.detail()).contains("CVE-2025-23266").doesNotContain("CVE-2025-23359");
        assertThat(finding.evidence()).containsExactly(
                new Evidence("/var/lib/dpkg/status: nvidia-container-toolkit", "1.17.7-1"));
        assertThat(finding.fix()).contains("Upgrade to 1.17.8");
    }

    @Test
    void anOldToolkitNamesEveryCveThatApplies() {
        Finding finding = withPackageVersion(dockerHost(), "1.16.1-1").findings(FindingCode.TOOLKIT_VULNERABLE).get(0);

        assertThat(finding.detail()).contains("CVE-2024-0132", "CVE-2024-0134", "CVE-2024-0135", "CVE-2025-23359")
                .doesNotContain("CVE-2025-23266");
        assertThat(finding.fix()).contains("Upgrade to 1.17.4");
    }

    @Test
    void beforeSeventeenFiveNvidiascapeAffectsOnlyCdiMode() {
        HostTree host = withPackageVersion(dockerHost(), "1.17.4-1");
        assertThat(host.findings(FindingCode.TOOLKIT_VULNERABLE)).isEmpty();

        host.file(CONFIG, "[nvidia-container-runtime]\nmode = \"cdi\"\n");
        assertThat(host.findings(FindingCode.TOOLKIT_VULNERABLE)).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("CVE-2025-23266"));
    }

    @Test
    void aFixedToolkitIsNotVulnerable() {
        assertThat(withPackageVersion(dockerHost(), "1.17.10-1").findings(FindingCode.TOOLKIT_VULNERABLE)).isEmpty();
    }
}
