package io.gpudoctor.agent.container;

import java.util.List;
import java.util.Objects;

/**
 * A container seen in a scan of the host's processes' cgroups, before any of its runtime's files
 * was read: its id and the processes in it. {@link ContainerResolver#identify(RunningContainer)}
 * names it.
 *
 * @param id   the full container id
 * @param pids the host pids of its processes, ascending
 */
public record RunningContainer(String id, List<Long> pids) {

    public RunningContainer {
        Objects.requireNonNull(id, "id");
        pids = List.copyOf(pids);
    }
}
