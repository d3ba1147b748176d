package io.gpudoctor.agent.host.docker;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.host.runtime.ConfigProblem;
import io.gpudoctor.agent.host.runtime.RuntimeFindings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code daemon.json} dockerd would refuse: broken JSON, values of the wrong type, or a
 * {@code default-runtime} no {@code runtimes} entry defines. dockerd does not start with such a
 * file, so every container on the host is affected.
 */
public final class DockerConfigCheck implements Check {

    /** Runtimes dockerd knows without a {@code runtimes} entry. */
    static final Set<String> BUILT_IN = Set.of("runc", "io.containerd.runc.v2");

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        Optional<DockerFacts> found = facts.find(DockerFacts.class);
        if (found.isEmpty()) {
            return List.of();
        }
        DockerFacts docker = found.get();
        List<ConfigProblem> problems = new ArrayList<>(docker.configProblems());
        docker.config().ifPresent(config -> config.defaultRuntime()
                .filter(name -> !BUILT_IN.contains(name) && !config.runtimes().containsKey(name))
                .ifPresent(name -> problems.add(new ConfigProblem(docker.configPath(),
                        "default-runtime \"" + name + "\" is not defined under runtimes"))));
        if (problems.isEmpty()) {
            return List.of();
        }
        return List.of(RuntimeFindings.invalidConfig(FindingCode.DOCKER_CONFIG_INVALID, "Docker", problems,
                "Correct " + docker.configPath() + " (check it with `sudo dockerd --validate --config-file "
                        + docker.configPath() + "`), then run `sudo systemctl restart docker`."));
    }
}
