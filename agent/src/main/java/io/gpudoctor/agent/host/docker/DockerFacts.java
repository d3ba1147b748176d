package io.gpudoctor.agent.host.docker;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.host.runtime.ConfigProblem;
import io.gpudoctor.agent.host.runtime.RuntimeBinary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Docker on this host: whether it is installed, its {@code daemon.json} and when that changed.
 * Whether dockerd runs, and since when, is in the process table.
 *
 * @param engineBinaries  host paths of {@code dockerd} found
 * @param configPath      {@code /etc/docker/daemon.json}
 * @param configPresent   whether the file exists (Docker runs on defaults without it)
 * @param config          the parsed file; empty when absent or unparseable
 * @param configProblems  syntax errors with line and column, values of the wrong type, unreadable or oversized file
 * @param configModified  the file's modification time
 * @param runtimeBinaries every executable a {@code runtimes} entry names
 */
public record DockerFacts(List<String> engineBinaries, String configPath, boolean configPresent,
                          Optional<DaemonConfig> config, List<ConfigProblem> configProblems,
                          Optional<Instant> configModified, List<RuntimeBinary> runtimeBinaries) {

    public DockerFacts {
        engineBinaries = List.copyOf(engineBinaries);
        configProblems = List.copyOf(configProblems);
        runtimeBinaries = List.copyOf(runtimeBinaries);
    }

    public boolean installed() {
        return !engineBinaries.isEmpty();
    }

    /** Whether {@code runtimes.nvidia} is configured. */
    public boolean nvidiaRuntime() {
        return config.map(c -> c.runtimes().containsKey("nvidia")).orElse(false);
    }

    /**
     * Why CDI is the way Docker's containers get GPUs, so that specs must exist: {@code features.cdi = true}
     * without {@code default-runtime: nvidia}. With the NVIDIA runtime as default, every container gets
     * its GPUs from it (the GPU Operator's setup), and CDI is only one more way.
     */
    public List<Evidence> cdiExpectedBy() {
        boolean nvidiaDefault = config.flatMap(DaemonConfig::defaultRuntime).map("nvidia"::equals).orElse(false);
        return nvidiaDefault ? List.of() : cdiEnabledBy();
    }

    /** {@code features.cdi = true}: Docker resolves {@code --device nvidia.com/gpu=...} from specs. */
    public List<Evidence> cdiEnabledBy() {
        if (config.flatMap(DaemonConfig::cdi).orElse(false)) {
            return List.of(new Evidence(configPath, "features.cdi = true"));
        }
        return List.of();
    }

    /** The cgroup driver set in {@code exec-opts}; empty when Docker chooses it. */
    public Optional<String> cgroupDriver() {
        return config.flatMap(DaemonConfig::cgroupDriver);
    }
}
