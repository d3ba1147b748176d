package io.gpudoctor.agent.host.engines;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.host.containerd.ContainerdFacts;
import io.gpudoctor.agent.host.crio.CrioFacts;
import io.gpudoctor.agent.host.docker.DockerFacts;
import io.gpudoctor.agent.host.proc.ProcessTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Which container engines are on this host: installed (their binary) or running (a static or
 * snap install the binary search misses).
 */
final class ContainerEngines {

    private ContainerEngines() {
    }

    /** The engines present, as {@code docker}, {@code containerd}, {@code cri-o}. */
    public static List<String> present(HostFacts facts) {
        List<String> engines = new ArrayList<>();
        if (docker(facts)) {
            engines.add("docker");
        }
        if (containerd(facts)) {
            engines.add("containerd");
        }
        if (crio(facts)) {
            engines.add("cri-o");
        }
        return engines;
    }

    public static boolean docker(HostFacts facts) {
        return facts.find(DockerFacts.class).map(DockerFacts::installed).orElse(false) || running(facts, "dockerd");
    }

    public static boolean containerd(HostFacts facts) {
        return facts.find(ContainerdFacts.class).map(ContainerdFacts::installed).orElse(false)
                || running(facts, "containerd");
    }

    public static boolean crio(HostFacts facts) {
        return facts.find(CrioFacts.class).map(CrioFacts::installed).orElse(false) || running(facts, "crio");
    }

    /**
     * What asks containerd's CRI plugin for pods: a Kubernetes node agent whose CRI is containerd
     * (k3s, RKE2, MicroK8s and Talos always; a kubelet unless its endpoint, or CRI-O being here
     * instead, says otherwise). Empty where only Docker, nerdctl or nothing uses containerd: its CRI
     * runtimes then matter to no one.
     */
    public static List<Evidence> containerdCriUsers(HostFacts facts) {
        KubernetesFacts kubernetes = facts.find(KubernetesFacts.class).orElse(KubernetesFacts.none());
        if (!containerd(facts) || !kubernetes.present() || kubernetes.endpointIsCrio()) {
            return List.of();
        }
        if (!kubernetes.embedsContainerd() && !kubernetes.endpointIsContainerd() && crio(facts)) {
            return List.of();
        }
        return kubernetes.users();
    }

    /** What asks CRI-O for pods: a kubelet, unless its endpoint names containerd or it brings its own. */
    public static List<Evidence> crioCriUsers(HostFacts facts) {
        KubernetesFacts kubernetes = facts.find(KubernetesFacts.class).orElse(KubernetesFacts.none());
        if (!crio(facts) || !kubernetes.present() || kubernetes.endpointIsContainerd()
                || (kubernetes.embedsContainerd() && !kubernetes.endpointIsCrio())) {
            return List.of();
        }
        return kubernetes.users();
    }

    private static boolean running(HostFacts facts, String name) {
        return facts.find(ProcessTable.class).map(table -> table.running(name)).orElse(false);
    }
}
