package io.gpudoctor.agent.host.node;

/**
 * The host's cgroup hierarchy.
 *
 * @param evidence the file whose presence decided it, for the finding's evidence
 */
public record CgroupFacts(Hierarchy hierarchy, String evidence) {

    /** Which cgroup versions the host mounts at {@code /sys/fs/cgroup}. */
    public enum Hierarchy {
        /** cgroup v2 only (unified). */
        V2,
        /** systemd's hybrid: v1 controllers, plus v2 at {@code /sys/fs/cgroup/unified}. */
        HYBRID,
        /** cgroup v1 only (legacy). */
        V1,
        /** nothing recognisable, for instance {@code /sys} not mounted under the root. */
        UNKNOWN;

        /** Whether tools that only understand cgroup v1 break here. */
        public boolean hasV2() {
            return this == V2 || this == HYBRID;
        }
    }
}
