package io.gpudoctor.agent.host.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.cdi.SimulatedInventory;
import io.gpudoctor.simulate.Scenario;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevicePluginCheckTest {

    @TempDir
    Path root;

    private List<Finding> pluginFindings(NodeHost host) {
        return host.diagnose(SimulatedInventory.fixtureNode()).stream()
                .filter(f -> f.code() == FindingCode.DEVICE_PLUGIN_NOT_RUNNING).toList();
    }

    @Test
    void aGpuNodeWhoseKubeletHasNoNvidiaPluginSocketIsAnError() {
        List<Finding> findings = pluginFindings(new NodeHost(root).kubeletRunning()
                .file("/var/lib/kubelet/device-plugins/kubelet.sock", ""));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scope()).isEqualTo(Scope.HOST);
            assertThat(f.evidence()).contains(new Evidence("/proc/*/comm", "kubelet running"),
                    new Evidence("/var/lib/kubelet/device-plugins/nvidia-gpu.sock", "missing, and no nvidia*.sock"),
                    new Evidence("NVML", "2 GPU(s)"));
            assertThat(f.fix()).contains("kubectl -n gpu-operator get pods").contains("device plugin");
        });
    }

    @Test
    void aKubeletConfigurationWithoutARunningKubeletStillMakesItAKubernetesNode() {
        List<Finding> findings = pluginFindings(new NodeHost(root).file("/var/lib/kubelet/config.yaml", "kind: x\n"));

        assertThat(findings).singleElement().satisfies(f -> assertThat(f.evidence())
                .contains(new Evidence("/var/lib/kubelet/config.yaml", "kubelet configuration present")));
    }

    @Test
    void theRegisteredPluginSocketIsFoundThoughItIsNotARegularFile() throws IOException {
        Path folder = Files.createDirectories(root.resolve("var/lib/kubelet/device-plugins"));
        try (ServerSocketChannel socket = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(folder.resolve("nvidia-gpu.sock")));

            assertThat(pluginFindings(new NodeHost(root).kubeletRunning())).isEmpty();
        }
    }

    @Test
    void aMigStrategyPluginSocketCountsAsTheNvidiaPlugin() {
        assertThat(pluginFindings(new NodeHost(root).kubeletRunning()
                .file("/var/lib/kubelet/device-plugins/nvidia-mig-1g.10gb.sock", ""))).isEmpty();
    }

    @Test
    void aHostWithoutKubeletIsNoKubernetesNode() {
        assertThat(pluginFindings(new NodeHost(root))).isEmpty();
    }

    @Test
    void aKubernetesNodeWithoutGpusNeedsNoPlugin() {
        List<Finding> findings = new NodeHost(root).kubeletRunning()
                .diagnose(SimulatedInventory.of(Scenario.builder("t").build()));

        assertThat(findings).extracting(Finding::code).doesNotContain(FindingCode.DEVICE_PLUGIN_NOT_RUNNING);
    }
}
