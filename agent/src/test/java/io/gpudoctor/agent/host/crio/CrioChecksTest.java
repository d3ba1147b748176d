package io.gpudoctor.agent.host.crio;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.runtime.HostTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrioChecksTest {

    private static final String DROP_IN = "/etc/crio/crio.conf.d/99-nvidia.toml";

    @TempDir
    Path root;

    private HostTree crioHost() {
        return new HostTree(root).fixture("toolkit").fixture("crio");
    }

    @Test
    void crioWithoutAnNvidiaRuntimeIsAnError() {
        Finding finding = crioHost().delete(DROP_IN).findings(FindingCode.CRIO_RUNTIME_NOT_CONFIGURED).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.fix()).contains("nvidia-ctk runtime configure --runtime=crio");
    }

    @Test
    void theInstallGuidesConfDFolderIsReadToo() {
        HostTree host = crioHost().delete(DROP_IN).file("/etc/crio/conf.d/99-nvidia.toml",
                "[crio.runtime.runtimes.nvidia]\nruntime_path = \"/usr/bin/nvidia-container-runtime\"\n");

        assertThat(host.findings(FindingCode.CRIO_RUNTIME_NOT_CONFIGURED)).isEmpty();
    }

    @Test
    void theNvidiaOciHookCountsAsConfigured() {
        HostTree host = crioHost().delete(DROP_IN).file("/usr/share/containers/oci/hooks.d/oci-nvidia-hook.json",
                "{\"version\": \"1.0.0\", \"hook\": {\"path\": \"/usr/bin/nvidia-container-runtime-hook\"}}");

        assertThat(host.findings(FindingCode.CRIO_RUNTIME_NOT_CONFIGURED)).isEmpty();
    }

    @Test
    void aRuntimePathThatDoesNotExistIsAnError() {
        Finding finding = crioHost().delete("/usr/bin/nvidia-container-runtime")
                .findings(FindingCode.CRIO_RUNTIME_NOT_CONFIGURED).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.evidence()).containsExactly(new Evidence("crio.runtime.runtimes.nvidia.runtime_path",
                "/usr/bin/nvidia-container-runtime (not found)"));
        assertThat(finding.fix()).contains("nvidia-ctk runtime configure --runtime=crio");
    }

    @Test
    void aDropInThatDoesNotParseIsAnInvalidConfig() {
        Finding finding = crioHost().file("/etc/crio/crio.conf.d/10-crio.conf", "[crio.runtime\n")
                .findings(FindingCode.CRIO_CONFIG_INVALID).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.evidence()).extracting(Evidence::source).containsExactly("/etc/crio/crio.conf.d/10-crio.conf");
        assertThat(finding.fix()).contains("systemctl restart crio");
    }

    @Test
    void anOversizedOrBinaryMainFileIsAnInvalidConfig() {
        HostTree host = crioHost().file("/etc/crio/crio.conf", "#".repeat((1 << 20) + 1))
                .bytes("/etc/crio/conf.d/00-bad", new byte[] {0, (byte) 0xff, 1, 2});

        Finding finding = host.findings(FindingCode.CRIO_CONFIG_INVALID).get(0);

        assertThat(finding.evidence()).extracting(Evidence::source).containsExactly("/etc/crio/crio.conf", "/etc/crio/conf.d/00-bad");
    }

    @Test
    void aLaterDropInOverridesAnEarlierOne() {
        HostTree host = crioHost()
                .file("/etc/crio/crio.conf", "[crio.runtime]\ncgroup_manager = \"cgroupfs\"\n")
                .file("/etc/crio/crio.conf.d/50-systemd.conf", "[crio.runtime]\ncgroup_manager = \"systemd\"\n")
                .file("/etc/crio/conf.d/60-cgroupfs.conf", "[crio.runtime]\ncgroup_manager = \"cgroupfs\"\n");

        assertThat(host.facts().get(CrioFacts.class).cgroupManager()).isEqualTo("cgroupfs");
    }

    @Test
    void onlyExplicitSpecDirsCountAsExpectingCdi() {
        HostTree host = crioHost();
        assertThat(host.facts().get(CrioFacts.class).cdiExpectedBy()).isEmpty();

        host.file("/etc/crio/crio.conf.d/20-cdi.conf", "[crio.runtime]\ncdi_spec_dirs = [\"/etc/cdi\"]\n");
        assertThat(host.facts().get(CrioFacts.class).cdiExpectedBy())
                .containsExactly(new Evidence("/etc/crio/crio.conf.d/20-cdi.conf", "cdi_spec_dirs = [/etc/cdi]"));
    }

    @Test
    void theParserTreatsEmptyTruncatedMalformedAndBinaryInputAsProblemsNotExceptions() {
        assertThat(CrioConfigParser.parse("f", "").problems()).isEmpty();
        assertThat(CrioConfigParser.parse("f", "[crio.runtime.runtimes.nvidia]\nruntime_path = \"/usr").problems()).hasSize(1);
        assertThat(CrioConfigParser.parse("f", "[crio.runtime]\ndefault_runtime = nvidia\n").problems()).hasSize(1);
        assertThat(CrioConfigParser.parse("f", new String(new byte[] {0, 1, (byte) 0xfe}, StandardCharsets.UTF_8))
                .problems()).hasSize(1);
        assertThat(CrioConfigParser.parse("f", "[crio.runtime.runtimes.nvidia]\nruntime_path = 3\n").problems())
                .singleElement().satisfies(p -> assertThat(p.message())
                        .isEqualTo("crio.runtime.runtimes.nvidia.runtime_path must be a string, found 3"));
    }
}
