package io.gpudoctor.agent.host.node;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.packages.InstalledPackages;
import io.gpudoctor.agent.host.packages.UpstreamVersion;
import java.util.List;
import java.util.Optional;

/**
 * {@code CGROUP_V2_TOOLKIT_TOO_OLD}: libnvidia-container learned cgroup v2 in 1.8.0; older
 * versions fail every GPU container on a v2 or hybrid host with {@code cgroup subsystem devices
 * not found} (hybrid: {@code malformed cgroup entry}).
 */
public final class CgroupToolkitCheck implements Check {

    static final String PACKAGE = "libnvidia-container1";
    private static final UpstreamVersion FIRST_WITH_V2 = UpstreamVersion.of(1, 8, 0);

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        CgroupFacts cgroup = facts.get(CgroupFacts.class);
        Optional<InstalledPackages> packages = facts.find(InstalledPackages.class);
        Optional<String> installed = packages.flatMap(p -> p.version(PACKAGE));
        boolean tooOld = installed.flatMap(UpstreamVersion::parse).map(v -> v.isBelow(FIRST_WITH_V2)).orElse(false);
        if (!cgroup.hierarchy().hasV2() || !tooOld) {
            return List.of();
        }
        return List.of(Finding.of(FindingCode.CGROUP_V2_TOOLKIT_TOO_OLD, Severity.ERROR)
                .title(PACKAGE + " " + installed.get() + " predates cgroup v2 support, and this host uses cgroup v2")
                .detail("libnvidia-container supports cgroup v2 from 1.8.0. Older versions fail to start every GPU"
                        + " container here with `container error: cgroup subsystem devices not found`"
                        + (cgroup.hierarchy() == CgroupFacts.Hierarchy.HYBRID
                        ? " (on this hybrid hierarchy, `malformed cgroup entry`)." : "."))
                .evidence(cgroup.evidence(), cgroup.hierarchy() == CgroupFacts.Hierarchy.HYBRID
                        ? "exists: hybrid hierarchy with cgroup v2" : "exists: cgroup v2")
                .evidence(packages.get().source(), PACKAGE + " " + installed.get())
                .fix("Upgrade the NVIDIA Container Toolkit: `apt-get install --only-upgrade nvidia-container-toolkit"
                        + " libnvidia-container1 libnvidia-container-tools` (1.17.8 or later also fixes"
                        + " CVE-2025-23266), then restart the container engine.")
                .build());
    }
}
