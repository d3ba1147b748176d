package io.gpudoctor.agent.host.containerd;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.runtime.HostTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerdChecksTest {

    private static final String MAIN = "/etc/containerd/config.toml";
    private static final String DROP_IN = "/etc/containerd/conf.d/99-nvidia.toml";

    @TempDir
    Path root;

    private static final Instant STARTED = Instant.parse("2026-11-23T10:00:00Z");

    /** containerd as a kubeadm node's CRI: its runtimes matter. */
    private HostTree v2Host() {
        return new HostTree(root).fixture("toolkit").fixture("containerd-v2").process(950, "kubelet", STARTED);
    }

    @Test
    void containerdWithoutAnyNvidiaRuntimeIsAnError() {
        Finding finding = v2Host().delete(DROP_IN).findings(FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.evidence()).contains(new Evidence(MAIN, "version 2, no nvidia runtime under plugins."
                + "\"io.containerd.grpc.v1.cri\"; read as containerd's default config path"),
                new Evidence("/proc/950/comm", "kubelet running (kubelet)"));
        assertThat(finding.fix()).contains("nvidia-ctk runtime configure --runtime=containerd").contains("handler: nvidia");
    }

    @Test
    void aDropInThatIsNotImportedIsNamed() {
        Finding finding = v2Host().file(MAIN, "version = 2\n").findings(FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.evidence()).contains(new Evidence(DROP_IN, "not listed in imports"));
        assertThat(finding.fix()).contains("imports = [\"/etc/containerd/conf.d/*.toml\"]");
    }

    @Test
    void withoutAMainFileTheDropInIsNotLoaded() {
        Finding finding = v2Host().delete(MAIN).findings(FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED).get(0);

        assertThat(finding.evidence()).contains(new Evidence(MAIN, "file missing; read as containerd's default config path"),
                new Evidence(DROP_IN, "not listed in imports"));
        assertThat(finding.fix()).contains("imports");
    }

    @Test
    void aRuntimeUnderTheWrongPluginIdIsNamed() {
        Finding finding = v2Host().delete(DROP_IN).file(MAIN, """
                version = 3
                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.nvidia.options]
                  BinaryName = "/usr/bin/nvidia-container-runtime"
                """).findings(FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED).get(0);

        assertThat(finding.title()).contains("plugin id");
        assertThat(finding.fix()).contains("nvidia-ctk runtime configure --runtime=containerd");
    }

    @Test
    void aBinaryNameThatDoesNotExistIsAnError() {
        Finding finding = v2Host().delete("/usr/bin/nvidia-container-runtime.legacy")
                .findings(FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.evidence()).containsExactly(new Evidence("containerd runtimes.nvidia-legacy.options.BinaryName",
                "/usr/bin/nvidia-container-runtime.legacy (not found)"));
        assertThat(finding.fix()).contains("nvidia-container-toolkit");
    }

    @Test
    void dockersContainerdWithCriDisabledNeedsNoNvidiaRuntime() {
        HostTree host = v2Host().delete(DROP_IN).file(MAIN, "disabled_plugins = [\"cri\"]\n");

        assertThat(host.findings(FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED)).isEmpty();
    }

    @Test
    void containerdWithCdiEnabledNeedsNoNvidiaRuntimeAndExpectsCdi() {
        HostTree host = v2Host().delete(DROP_IN)
                .file(MAIN, "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\"]\nenable_cdi = true\n");

        assertThat(host.findings(FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED)).isEmpty();
        assertThat(host.facts().get(ContainerdFacts.class).cdiExpectedBy())
                .containsExactly(new Evidence(MAIN, "enable_cdi = true"));
    }

    @Test
    void aLaterImportOverridesEnableCdi() {
        HostTree host = v2Host()
                .file(MAIN, "version = 2\nimports = [\"conf.d/*.toml\"]\n[plugins.\"io.containerd.grpc.v1.cri\"]\nenable_cdi = true\n")
                .file("/etc/containerd/conf.d/50-off.toml", "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\"]\nenable_cdi = false\n");

        assertThat(host.facts().get(ContainerdFacts.class).cdiExpectedBy()).isEmpty();
    }

    @Test
    void aRelativeImportPatternIsResolvedAgainstTheImportingFile() {
        HostTree host = v2Host().file(MAIN, "version = 2\nimports = [\"conf.d/*.toml\"]\n");

        assertThat(host.findings(FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED)).isEmpty();
    }

    @Test
    void importsThatImportEachOtherAreReadOnce() {
        HostTree host = v2Host().file(MAIN, "version = 2\nimports = [\"/etc/containerd/a.toml\"]\n")
                .file("/etc/containerd/a.toml", "version = 2\nimports = [\"/etc/containerd/config.toml\", \"conf.d/*.toml\"]\n");

        ContainerdFacts facts = host.facts().get(ContainerdFacts.class);
        assertThat(facts.files()).extracting(ContainerdConfigFile::path)
                .containsExactly(MAIN, "/etc/containerd/a.toml", DROP_IN);
        assertThat(host.findings(FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED)).isEmpty();
    }

    @Test
    void anImportThatDoesNotParseIsAnInvalidConfig() {
        Finding finding = v2Host().file(DROP_IN, "version = 2\n[plugins\n").findings(FindingCode.CONTAINERD_CONFIG_INVALID).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.evidence()).extracting(Evidence::source).containsExactly(DROP_IN);
        assertThat(finding.fix()).contains("systemctl restart containerd");
    }

    @Test
    void aMissingLiteralImportIsAnInvalidConfig() {
        Finding finding = v2Host().file(MAIN, "version = 2\nimports = [\"/etc/containerd/gone.toml\", \"conf.d/*.toml\"]\n")
                .findings(FindingCode.CONTAINERD_CONFIG_INVALID).get(0);

        assertThat(finding.evidence()).containsExactly(new Evidence(MAIN, "imports entry \"/etc/containerd/gone.toml\" does not exist"));
        assertThat(finding.fix()).contains("containerd config dump");
    }

    @Test
    void anOversizedMainFileIsReportedAsUnreadAndNothingIsClaimedOfItsContents() {
        HostTree host = v2Host().file(MAIN, "#".repeat((1 << 20) + 1));

        Finding finding = host.findings(FindingCode.CONTAINERD_CONFIG_INVALID).get(0);
        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.evidence()).extracting(Evidence::observed).singleElement().asString()
                .contains("could not read " + MAIN).contains("larger than");
        assertThat(host.findings(FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED)).isEmpty();
    }

    @Test
    void aFifoAsMainFileIsReportedAsUnreadAndNothingIsClaimedOfItsContents() throws Exception {
        HostTree host = v2Host().delete(MAIN).delete(DROP_IN);
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("etc/containerd/config.toml").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        assertThat(host.findings(FindingCode.CONTAINERD_CONFIG_INVALID)).singleElement()
                .satisfies(f -> assertThat(f.evidence().get(0).observed()).contains("could not read", "not a regular file"));
        assertThat(host.findings(FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED)).isEmpty();
    }

    @Test
    void aSymlinkLoopAsMainFileIsUnreadAsItIsForDaemonJson() throws Exception {
        HostTree host = v2Host().delete(MAIN).delete(DROP_IN);
        Files.createSymbolicLink(root.resolve("etc/containerd/config.toml"), root.resolve("etc/containerd/config.toml"));

        assertThat(host.findings(FindingCode.CONTAINERD_CONFIG_INVALID)).singleElement()
                .satisfies(f -> assertThat(f.evidence().get(0).observed()).startsWith("could not read"));
        assertThat(host.findings(FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED)).isEmpty();
    }

    @Test
    void aContainerdThatOnlyDockerUsesNeedsNoCriRuntime() {
        HostTree host = new HostTree(root).fixture("toolkit").fixture("containerd-v2").fixture("docker").delete(DROP_IN);

        assertThat(host.findings(FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED)).isEmpty();
    }

    @Test
    void importsAreBoundedInNumber() {
        HostTree host = v2Host().file(MAIN, "version = 2\nimports = [\"/etc/containerd/many/*.toml\"]\n");
        for (int i = 0; i < ContainerdProbe.MAX_FILES + 5; i++) {
            host.file("/etc/containerd/many/" + String.format("%03d", i) + ".toml", "version = 2\n");
        }

        ContainerdFacts facts = host.facts().get(ContainerdFacts.class);
        assertThat(facts.files()).hasSize(ContainerdProbe.MAX_FILES);
        assertThat(host.findings(FindingCode.CONTAINERD_CONFIG_INVALID)).singleElement()
                .satisfies(f -> assertThat(f.evidence()).extracting(Evidence::observed).anyMatch(o -> o.contains("more than")));
    }
}
