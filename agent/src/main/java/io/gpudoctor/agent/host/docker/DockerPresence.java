package io.gpudoctor.agent.host.docker;

import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.host.proc.ProcessTable;

/** Whether Docker is on this host: its binary, or a running dockerd (a static or snap install). */
final class DockerPresence {

    private DockerPresence() {
    }

    static boolean present(HostFacts facts, DockerFacts docker) {
        return docker.installed() || facts.find(ProcessTable.class).map(p -> p.running("dockerd")).orElse(false);
    }
}
