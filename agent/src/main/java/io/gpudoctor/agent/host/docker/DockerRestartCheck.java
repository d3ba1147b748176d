package io.gpudoctor.agent.host.docker;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.proc.HostProcess;
import io.gpudoctor.agent.host.proc.ProcessTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * F01: {@code daemon.json} changed after dockerd started, so dockerd still runs the old
 * configuration (a runtime added by {@code nvidia-ctk runtime configure} is unknown to it).
 */
public final class DockerRestartCheck implements Check {

    /**
     * A process's start time is boot time (whole seconds) plus ticks, so it can read up to a second
     * early; a configure-then-restart within that second must not count as pending.
     */
    static final Duration TOLERANCE = Duration.ofSeconds(2);

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        Optional<DockerFacts> docker = facts.find(DockerFacts.class);
        Optional<HostProcess> dockerd = facts.find(ProcessTable.class).flatMap(table -> table.oldest("dockerd"));
        if (docker.isEmpty() || dockerd.isEmpty() || dockerd.get().started().isEmpty()
                || docker.get().configModified().isEmpty()) {
            return List.of();
        }
        Instant started = dockerd.get().started().get();
        Instant modified = docker.get().configModified().get();
        if (!modified.isAfter(started.plus(TOLERANCE))) {
            return List.of();
        }
        return List.of(Finding.of(FindingCode.DOCKER_RESTART_PENDING, Severity.WARN)
                .title("Docker was not restarted after daemon.json changed")
                .detail("dockerd reads daemon.json only when it starts; changes made since (such as the nvidia"
                        + " runtime added by `nvidia-ctk runtime configure`) are not in effect, and"
                        + " `--runtime=nvidia` may fail with \"unknown or invalid runtime name\".")
                .evidence("/proc/" + dockerd.get().pid() + "/stat", "dockerd started " + started)
                .evidence(docker.get().configPath(), "modified " + modified)
                .fix("Run `sudo systemctl restart docker` (running containers stop unless live-restore is enabled).")
                .build());
    }
}
