package io.gpudoctor.agent.container;

import java.util.OptionalLong;

/**
 * A host process that runs in a container.
 *
 * @param startTicks its start time in clock ticks after boot, when {@code /proc/<pid>/stat} could be read
 */
record ContainerProcess(long pid, CgroupMembership membership, OptionalLong startTicks) {
}
