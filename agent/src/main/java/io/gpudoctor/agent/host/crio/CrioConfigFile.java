package io.gpudoctor.agent.host.crio;

import io.gpudoctor.agent.host.runtime.ConfigProblem;
import java.util.List;
import java.util.Optional;

/** One CRI-O config file as read; {@code config} is empty when it is unreadable or not TOML. */
public record CrioConfigFile(String path, Optional<CrioConfig> config, List<ConfigProblem> problems) {

    public CrioConfigFile {
        problems = List.copyOf(problems);
    }
}
