package io.gpudoctor.agent.container.watch;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.container.ContainerResolver;
import io.gpudoctor.agent.container.RunningContainer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The containers on this node that asked for a GPU or use one, found again by every
 * {@link #scan}. A scan reads each process's cgroup file; only a container seen for the first time,
 * or whose recorded process is gone (a restart under the same id), has its runtime's files and its
 * environment read. What a container asked for is fixed when it starts, so it is decided once:
 * that is what keeps a scan of a node with hundreds of containers to a few milliseconds.
 *
 * <p>Not thread-safe: one thread scans.
 */
public final class ContainerWatch {

    private final ContainerResolver resolver;
    private final GpuAskReader asks;
    private Map<String, Seen> seen = Map.of();

    public ContainerWatch(ContainerResolver resolver) {
        this.resolver = resolver;
        this.asks = new GpuAskReader(resolver.files());
    }

    /**
     * The watched containers running now, sorted by id.
     *
     * @param usingGpus ids of the containers NVML lists processes of: watched whatever they asked for
     */
    public List<WatchedContainer> scan(Set<String> usingGpus) {
        Map<String, Seen> now = new HashMap<>();
        List<WatchedContainer> watched = new ArrayList<>();
        for (RunningContainer running : resolver.running()) {
            Seen before = seen.get(running.id());
            Seen current = before != null && running.pids().contains(before.pid()) ? before : identify(running);
            now.put(running.id(), current);
            GpuAsk ask = usingGpus.contains(running.id()) ? current.ask().and(GpuAskSource.GPU_PROCESS) : current.ask();
            current.identity().filter(i -> ask.asked()).ifPresent(i -> watched.add(new WatchedContainer(i, ask)));
        }
        seen = now;
        return List.copyOf(watched);
    }

    private Seen identify(RunningContainer running) {
        Optional<ContainerIdentity> identity = resolver.identify(running);
        // A sandbox (or a container gone meanwhile) is remembered by one of its pids, so that it is
        // not identified again at every scan.
        return new Seen(identity, identity.map(asks::read).orElse(GpuAsk.NONE),
                identity.map(ContainerIdentity::pid).orElse(running.pids().get(0)));
    }

    /** What a scan learnt about one container, kept while {@code pid} stays in it. */
    private record Seen(Optional<ContainerIdentity> identity, GpuAsk ask, long pid) {
    }
}
