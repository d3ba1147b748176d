package io.gpudoctor.agent.container.attribution;

import io.gpudoctor.agent.container.ContainerResolver;
import io.gpudoctor.agent.host.HostFileReader;
import java.util.Collection;
import java.util.HashMap;
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

    /**
     * Who each pid is, by pid; a process that has exited is {@link ProcessOrigin#UNKNOWN}. Each
     * container's runtime files are read once however many of its processes NVML reports: a
     * training job runs dozens per container.
     */
    public Map<Long, ProcessOrigin> read(Collection<Long> pids) {
        Map<Long, ProcessOrigin> origins = new TreeMap<>();
        Map<String, WorkloadContainer> containers = new HashMap<>();
        for (long pid : pids) {
            origins.computeIfAbsent(pid, p -> origin(p, containers));
        }
        return origins;
    }

    private ProcessOrigin origin(long pid, Map<String, WorkloadContainer> containers) {
        Optional<String> comm = files.read("/proc/" + pid + "/comm").content().map(String::strip)
                .filter(c -> !c.isEmpty());
        Optional<WorkloadContainer> container = resolver.containerIdOf(pid).flatMap(id -> named(pid, id, containers));
        return new ProcessOrigin(comm, container);
    }

    /** Only a named container is remembered: "none" may be this pid having just exited, not its container's answer. */
    private Optional<WorkloadContainer> named(long pid, String id, Map<String, WorkloadContainer> containers) {
        WorkloadContainer known = containers.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<WorkloadContainer> found = resolver.containerOf(pid).map(WorkloadContainer::of);
        found.ifPresent(c -> containers.put(id, c));
        return found;
    }
}
