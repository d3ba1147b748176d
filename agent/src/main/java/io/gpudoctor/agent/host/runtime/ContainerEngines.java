package io.gpudoctor.agent.host.runtime;

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
public final class ContainerEngines {

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

    private static boolean running(HostFacts facts, String name) {
        return facts.find(ProcessTable.class).map(table -> table.running(name)).orElse(false);
    }
}
