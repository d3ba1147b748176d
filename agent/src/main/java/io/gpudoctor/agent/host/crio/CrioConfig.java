package io.gpudoctor.agent.host.crio;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One CRI-O config file (the main file or a drop-in): the {@code [crio.runtime]} keys that decide
 * GPU injection.
 *
 * @param cgroupManager {@code cgroup_manager}: {@code systemd} (CRI-O's default) or {@code cgroupfs}
 * @param cdiSpecDirs   {@code cdi_spec_dirs}, when set
 * @param hooksDir      {@code hooks_dir}, when set: the only folders CRI-O then reads OCI hooks from
 */
public record CrioConfig(Map<String, CrioRuntime> runtimes, Optional<String> defaultRuntime,
                         Optional<String> cgroupManager, Optional<List<String>> cdiSpecDirs,
                         Optional<List<String>> hooksDir) {

    public CrioConfig {
        runtimes = Map.copyOf(runtimes);
        cdiSpecDirs = cdiSpecDirs.map(List::copyOf);
        hooksDir = hooksDir.map(List::copyOf);
    }
}
