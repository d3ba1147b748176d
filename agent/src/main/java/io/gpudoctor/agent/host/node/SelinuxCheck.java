package io.gpudoctor.agent.host.node;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.List;

/**
 * {@code SELINUX_ENFORCING}: a warning, not an error, since a host with the right policy works;
 * without it, containers' access to the GPU device nodes is denied and NVML answers
 * {@code Insufficient Permissions}.
 */
public final class SelinuxCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        SelinuxFacts selinux = facts.get(SelinuxFacts.class);
        if (selinux.mode() != SelinuxFacts.Mode.ENFORCING) {
            return List.of();
        }
        return List.of(Finding.of(FindingCode.SELINUX_ENFORCING, Severity.WARN)
                .title("SELinux is enforcing, which can deny containers the GPU device nodes")
                .detail("Unless the policy allows containers to use devices, a GPU container fails with"
                        + " `Failed to initialize NVML: Insufficient Permissions` although the GPU was injected.")
                .evidence(SelinuxProbe.ENFORCE, selinux.observed())
                .fix("Run the container with `--security-opt label=disable` (Docker, Podman), or allow device use"
                        + " in the policy: `setsebool -P container_use_devices on`, or install NVIDIA's SELinux"
                        + " policy module for the toolkit.")
                .build());
    }
}
