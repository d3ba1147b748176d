package io.gpudoctor.agent.host.engines;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.host.proc.HostProcess;
import io.gpudoctor.agent.host.proc.ProcessTable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Kubernetes node agents that would use a CRI engine: a kubelet (kubeadm and most
 * distributions), k3s, RKE2, MicroK8s ({@code kubelite}), Talos; running, or installed by the files
 * each keeps. k3s, RKE2 and MicroK8s run the kubelet inside their own process, so its name is theirs.
 */
public final class KubernetesProbe implements HostProbe<KubernetesFacts> {

    /** Process name to the distribution it is. */
    static final Map<String, String> PROCESSES = Map.of("kubelet", "kubelet", "k3s-server", "k3s", "k3s-agent", "k3s",
            "k3s", "k3s", "rke2", "RKE2", "kubelite", "MicroK8s");
    /** Files each distribution keeps on its nodes, in the order they are looked for. */
    static final List<Map.Entry<String, String>> FILES = List.of(
            Map.entry("/var/lib/kubelet/config.yaml", "kubelet"),
            Map.entry("/etc/kubernetes/kubelet.conf", "kubelet"),
            Map.entry("/var/lib/rancher/k3s/agent/etc/containerd/config.toml", "k3s"),
            Map.entry("/var/lib/rancher/rke2/agent/etc/containerd/config.toml", "RKE2"),
            Map.entry("/var/snap/microk8s/current/args/kubelet", "MicroK8s"),
            Map.entry("/etc/cri/containerd.toml", "Talos"));
    /** Where kubeadm and the kubelet's own config name the CRI socket. */
    static final List<String> ENDPOINT_FILES = List.of("/var/lib/kubelet/kubeadm-flags.env", "/var/lib/kubelet/config.yaml");
    private static final Pattern ENDPOINT = Pattern.compile("(?:container-runtime-endpoint=|containerRuntimeEndpoint:\\s*)\"?([^\"\\s]+)");

    @Override
    public Class<KubernetesFacts> type() {
        return KubernetesFacts.class;
    }

    @Override
    public KubernetesFacts probe(HostFileReader files) {
        return probe(files, HostFacts.builder().build());
    }

    @Override
    public KubernetesFacts probe(HostFileReader files, HostFacts earlier) {
        List<Evidence> users = new ArrayList<>();
        Set<String> distributions = new LinkedHashSet<>();
        Optional<String> endpoint = Optional.empty();
        for (HostProcess process : earlier.find(ProcessTable.class).map(ProcessTable::processes).orElse(List.of())) {
            String distribution = PROCESSES.get(process.comm());
            if (distribution != null) {
                users.add(new Evidence("/proc/" + process.pid() + "/comm", distribution + " running (" + process.comm() + ")"));
                distributions.add(distribution);
                endpoint = endpoint.or(() -> process.option("--container-runtime-endpoint", "--container-runtime-endpoint"));
            }
        }
        for (Map.Entry<String, String> file : FILES) {
            if (files.exists(file.getKey())) {
                users.add(new Evidence(file.getKey(), file.getValue() + " installed"));
                distributions.add(file.getValue());
            }
        }
        for (String path : ENDPOINT_FILES) {
            endpoint = endpoint.or(() -> files.read(path).content().flatMap(KubernetesProbe::endpoint));
        }
        return new KubernetesFacts(users, distributions, endpoint);
    }

    static Optional<String> endpoint(String text) {
        Matcher matcher = ENDPOINT.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
