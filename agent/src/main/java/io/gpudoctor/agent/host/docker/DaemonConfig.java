package io.gpudoctor.agent.host.docker;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of Docker's {@code daemon.json} that decide how containers get GPUs.
 *
 * @param runtimes      {@code runtimes}: name to executable ({@code path}, which may be a bare name)
 * @param defaultRuntime {@code default-runtime}
 * @param cdi           {@code features.cdi}
 * @param execOpts      {@code exec-opts}, e.g. {@code native.cgroupdriver=systemd}
 */
public record DaemonConfig(Map<String, Optional<String>> runtimes, Optional<String> defaultRuntime,
                           Optional<Boolean> cdi, List<String> execOpts) {

    public DaemonConfig {
        runtimes = Map.copyOf(runtimes);
        execOpts = List.copyOf(execOpts);
    }

    /** The cgroup driver {@code exec-opts} sets ({@code systemd} or {@code cgroupfs}); empty when unset. */
    public Optional<String> cgroupDriver() {
        return execOpts.stream()
                .map(String::strip)
                .filter(opt -> opt.startsWith("native.cgroupdriver="))
                .map(opt -> opt.substring("native.cgroupdriver=".length()).strip())
                .reduce((first, last) -> last);
    }
}
