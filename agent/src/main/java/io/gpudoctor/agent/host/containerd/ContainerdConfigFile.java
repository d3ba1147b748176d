package io.gpudoctor.agent.host.containerd;

import io.gpudoctor.agent.host.runtime.ConfigProblem;
import java.util.List;
import java.util.Optional;

/**
 * One file of containerd's configuration as read: the main file or an import.
 *
 * @param config   empty when the file is missing, unreadable or not TOML
 * @param problems what is wrong with it
 */
public record ContainerdConfigFile(String path, Optional<ContainerdConfig> config, List<ConfigProblem> problems) {

    public ContainerdConfigFile {
        problems = List.copyOf(problems);
    }
}
