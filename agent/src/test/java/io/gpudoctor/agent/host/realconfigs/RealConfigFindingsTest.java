package io.gpudoctor.agent.host.realconfigs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the findings on the real hosts say: the file read and why, who uses the engine, the fix that fits the distribution. */
class RealConfigFindingsTest {

    @TempDir
    Path root;

    private List<Finding> findings(RealConfigHost host, FindingCode code) {
        return host.findings().stream().filter(f -> f.code() == code).toList();
    }

    private RealConfigHost k3sWithoutToolkit() {
        String rendered = RealConfigHost.corpus("k3s/config.toml");
        return new RealConfigHost(root)
                .file(RealConfigScenarios.K3S_CONFIG, rendered.substring(0,
                        rendered.indexOf("[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.\"nvidia\"]")))
                .process(700, "k3s-server", "/usr/local/bin/k3s", "server")
                .process(720, "containerd", "containerd", "-c", RealConfigScenarios.K3S_CONFIG);
    }

    @Test
    void onK3sTheMissingRuntimeNamesK3sConfigWhyItWasReadAndWhoUsesIt() {
        Finding finding = findings(k3sWithoutToolkit(), FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED).get(0);

        assertThat(finding.evidence()).contains(new Evidence("/proc/700/comm", "k3s running (k3s-server)"));
        assertThat(finding.evidence()).anySatisfy(e -> assertThat(e.source()).isEqualTo(RealConfigScenarios.K3S_CONFIG))
                .anySatisfy(e -> assertThat(e.observed()).contains("--config of the running containerd (pid 720)"));
        assertThat(finding.fix()).contains("config.toml.tmpl").doesNotContain("nvidia-ctk runtime configure");
    }

    @Test
    void onK3sTheDefaultRuntimeFixIsK3sFlag() {
        RealConfigHost host = new RealConfigHost(root);
        RealConfigScenarios.k3s(host, RealConfigScenarios.K3S_CONFIG, false);

        Finding finding = findings(host, FindingCode.NVIDIA_RUNTIME_NOT_DEFAULT).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.fix()).contains("--default-runtime=nvidia").contains("runtimeClassName: nvidia");
        assertThat(finding.evidence()).anySatisfy(e -> assertThat(e.observed())
                .contains("default_runtime_name = \"runc\" (unset)").contains("nvidia, nvidia-experimental"));
    }

    @Test
    void theDefaultRuntimeFindingIsInformationOnceTheDevicePluginIsRegistered() {
        RealConfigHost host = new RealConfigHost(root);
        RealConfigScenarios.k3s(host, RealConfigScenarios.K3S_CONFIG, false).devicePluginRegistered();

        assertThat(findings(host, FindingCode.NVIDIA_RUNTIME_NOT_DEFAULT)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void crioWithCrunAsDefaultGetsTheCrioSetAsDefaultFix() {
        RealConfigHost host = RealConfigScenarios.crio(new RealConfigHost(root), "crio/installer-crio-99-nvidia.toml");

        Finding finding = findings(host, FindingCode.NVIDIA_RUNTIME_NOT_DEFAULT).get(0);

        assertThat(finding.evidence()).anySatisfy(e -> assertThat(e.observed()).contains("default_runtime = \"crun\""));
        assertThat(finding.fix()).contains("--runtime=crio --set-as-default");
    }

    @Test
    void kubeletOnCrioLeavesDockersContainerdUnjudged() {
        RealConfigHost host = RealConfigScenarios.crioBase(RealConfigScenarios.debianDocker(new RealConfigHost(root)))
                .file("/var/lib/kubelet/kubeadm-flags.env",
                        "KUBELET_KUBEADM_ARGS=\"--container-runtime-endpoint=unix:///var/run/crio/crio.sock\"\n");

        assertThat(findings(host, FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED)).isEmpty();
        assertThat(findings(host, FindingCode.CRIO_RUNTIME_NOT_CONFIGURED)).hasSize(1);
    }

    @Test
    void theCveMitigationIsNamedInAnInformationFinding() {
        RealConfigHost host = RealConfigScenarios.debianDocker(new RealConfigHost(root)).toolkitPackages("1.17.6-1")
                .file("/etc/nvidia-container-runtime/config.toml", "[features]\ndisable-cuda-compat-lib-hook = true\n");

        Finding finding = findings(host, FindingCode.TOOLKIT_VULNERABLE).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.evidence()).contains(new Evidence("/etc/nvidia-container-runtime/config.toml",
                "features.disable-cuda-compat-lib-hook = true (mitigates CVE-2025-23266 (NVIDIAScape))"));
    }

    @Test
    void anUnmitigatedOlderToolkitStillNamesTheMitigationItLacks() {
        RealConfigHost host = RealConfigScenarios.debianDocker(new RealConfigHost(root)).toolkitPackages("1.17.6-1");

        Finding finding = findings(host, FindingCode.TOOLKIT_VULNERABLE).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.detail()).contains("disable-cuda-compat-lib-hook");
    }

    @Test
    void aMissingDriverRootIsNamed() {
        RealConfigHost host = RealConfigScenarios.debianDocker(new RealConfigHost(root))
                .file("/etc/nvidia-container-runtime/config.toml", RealConfigScenarios.OPERATOR_ROOT);

        assertThat(findings(host, FindingCode.TOOLKIT_CONFIG_INVALID)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.evidence()).contains(new Evidence("/run/nvidia/driver", "missing"));
        });
    }

    @Test
    void onTalosTheNvidiaRuntimeComesFromTheCriPartsImportedByTheConfigGivenToContainerd() {
        RealConfigHost host = RealConfigScenarios.talos(new RealConfigHost(root));

        assertThat(findings(host, FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED)).isEmpty();
        assertThat(findings(host, FindingCode.NVIDIA_RUNTIME_NOT_DEFAULT)).singleElement().satisfies(f ->
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e.source()).startsWith("/etc/cri/containerd.toml")));
    }

    @Test
    void microK8sToolkitInsideTheSnapCountsAsInstalled() {
        RealConfigHost host = RealConfigScenarios.microk8s(new RealConfigHost(root));

        assertThat(findings(host, FindingCode.TOOLKIT_NOT_INSTALLED)).isEmpty();
        assertThat(findings(host, FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED)).isEmpty();
    }

    @Test
    void aWsl2SpecIsNeitherStaleNorMissing() {
        RealConfigHost host = RealConfigScenarios.debianDocker(new RealConfigHost(root))
                .file("/etc/cdi/nvidia.yaml", RealConfigScenarios.WSL_SPEC);

        assertThat(findings(host, FindingCode.CDI_SPEC_STALE)).isEmpty();
    }

    @Test
    void theOperatorsManagementSpecSatisfiesCdiWhereNoNvidiaRuntimeIsDefault() {
        RealConfigHost host = RealConfigScenarios.debianDocker(new RealConfigHost(root))
                .file("/etc/docker/daemon.json", "{\"features\": {\"cdi\": true}, \"runtimes\": {\"nvidia\": {\"path\": \"nvidia-container-runtime\"}}}")
                .file("/var/run/cdi/management.nvidia.com-gpu.yaml", RealConfigScenarios.MANAGEMENT_SPEC);

        assertThat(findings(host, FindingCode.CDI_SPEC_MISSING)).isEmpty();
    }

    @Test
    void cdiWithoutAnyNvidiaSpecWhereNoNvidiaRuntimeIsDefaultIsStillMissing() {
        RealConfigHost host = RealConfigScenarios.debianDocker(new RealConfigHost(root))
                .file("/etc/docker/daemon.json", "{\"features\": {\"cdi\": true}, \"runtimes\": {\"nvidia\": {\"path\": \"nvidia-container-runtime\"}}}");

        assertThat(findings(host, FindingCode.CDI_SPEC_MISSING)).hasSize(1);
    }
}
