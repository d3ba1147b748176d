package io.gpudoctor.agent.container.attribution;

import io.gpudoctor.agent.container.ContainerResolver;
import io.gpudoctor.agent.host.HostFileReader;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds who the processes NVML reports are: reads {@code /proc/<pid>/comm} and
 * {@code /proc/<pid>/cgroup} of those pids only, under the host root, and names their containers
 * from the runtimes' files. NVML reports a handful of pids; a node runs thousands, so a full
 * {@code /proc} scan would cost far more than the answer is worth on every collection.
 */
public final class ProcessOriginReader {

    private final HostFileReader files;
    private final ContainerResolver resolver;

    public ProcessOriginReader(HostFileReader files) {
        this.files = files;
        this.resolver = new ContainerResolver(files);
    }

    /** Who each pid is, by pid; a process that has exited is {@link ProcessOrigin#UNKNOWN}. */
    public Map<Long, ProcessOrigin> read(Collection<Long> pids) {
        Map<Long, ProcessOrigin> origins = new TreeMap<>();
        for (long pid : pids) {
            origins.computeIfAbsent(pid, this::origin);
        }
        return origins;
    }

    private ProcessOrigin origin(long pid) {
        Optional<String> comm = files.read("/proc/" + pid + "/comm").content().map(String::strip)
                .filter(c -> !c.isEmpty());
        return new ProcessOrigin(comm, resolver.containerOf(pid).map(WorkloadContainer::of));
    }
}
