package io.gpudoctor.agent.host.node;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFileReader;

/** Tells the cgroup hierarchy from the files each version puts under {@code /sys/fs/cgroup}. */
public final class CgroupProbe implements HostProbe<CgroupFacts> {

    static final String UNIFIED = "/sys/fs/cgroup/cgroup.controllers";
    static final String HYBRID = "/sys/fs/cgroup/unified/cgroup.controllers";
    static final String LEGACY = "/sys/fs/cgroup/devices";

    @Override
    public Class<CgroupFacts> type() {
        return CgroupFacts.class;
    }

    @Override
    public CgroupFacts probe(HostFileReader files) {
        if (files.exists(UNIFIED)) {
            return new CgroupFacts(CgroupFacts.Hierarchy.V2, UNIFIED);
        }
        if (files.exists(HYBRID)) {
            return new CgroupFacts(CgroupFacts.Hierarchy.HYBRID, HYBRID);
        }
        if (files.exists(LEGACY)) {
            return new CgroupFacts(CgroupFacts.Hierarchy.V1, LEGACY);
        }
        return new CgroupFacts(CgroupFacts.Hierarchy.UNKNOWN, "/sys/fs/cgroup");
    }
}
