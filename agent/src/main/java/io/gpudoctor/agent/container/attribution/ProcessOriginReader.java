package io.gpudoctor.agent.container.attribution;

import io.gpudoctor.agent.container.ContainerResolver;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.host.proc.ProcStat;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Finds who the processes NVML reports are: reads {@code /proc/<pid>/comm} and
 * {@code /proc/<pid>/cgroup} of those pids only, under the host root, and names their containers
 * from the runtimes' files. NVML reports a handful of pids; a node runs thousands, so a full
 * {@code /proc} scan would cost far more than the answer is worth on every collection.
 *
 * <p>Kept across collection cycles, a reader remembers what it found for each pid of the previous
 * read, with the process's start time: a pid NVML reports again, and that still names the same
 * process, costs one read of its {@code stat} instead of finding it anew. A pid reused by another
 * process has another start time and is found anew. Thread-safe.
 */
public final class ProcessOriginReader {

    /** What one read found for a pid, and when that process started. */
    private record Remembered(long startTicks, ProcessOrigin origin) {
    }

    /** An origin, and whether it is settled: a host process, or a container that was named. */
    private record Found(ProcessOrigin origin, boolean settled) {
    }

    private final HostFileReader files;
    private final ContainerResolver resolver;
    private Map<Long, Remembered> previous = Map.of();

    public ProcessOriginReader(ContainerResolver resolver) {
        this.files = resolver.files();
        this.resolver = resolver;
    }

    /**
     * Who each pid is, by pid; a process that has exited is {@link ProcessOrigin#UNKNOWN}. Each
     * container's runtime files are read once however many of its processes NVML reports: a
     * training job runs dozens per container.
     */
    public synchronized Map<Long, ProcessOrigin> read(Collection<Long> pids) {
        Map<Long, ProcessOrigin> origins = new TreeMap<>();
        Map<Long, Remembered> now = new HashMap<>();
        Map<String, WorkloadContainer> containers = new HashMap<>();
        for (long pid : pids) {
            if (origins.containsKey(pid)) {
                continue;
            }
            OptionalLong start = files.read("/proc/" + pid + "/stat").content().map(ProcStat::startTicks)
                    .orElse(OptionalLong.empty());
            Remembered before = previous.get(pid);
            if (start.isPresent() && before != null && before.startTicks() == start.getAsLong()) {
                origins.put(pid, before.origin());
                now.put(pid, before);
                continue;
            }
            Found found = find(pid, containers);
            origins.put(pid, found.origin());
            if (start.isPresent() && found.settled()) {
                now.put(pid, new Remembered(start.getAsLong(), found.origin()));
            }
        }
        previous = now;
        return origins;
    }

    private Found find(long pid, Map<String, WorkloadContainer> containers) {
        Optional<String> comm = files.read("/proc/" + pid + "/comm").content().map(String::strip)
                .filter(c -> !c.isEmpty());
        Optional<String> id = resolver.containerIdOf(pid);
        Optional<WorkloadContainer> container = id.flatMap(known -> named(pid, known, containers));
        // Unsettled answers are asked again next time: the process may have just exited, or its runtime's files be late.
        return new Found(new ProcessOrigin(comm, container), comm.isPresent() && (id.isEmpty() || container.isPresent()));
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
