package io.gpudoctor.agent.container.watch;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why a container is watched: every sign that it asked for a GPU or uses one; none for a
 * container that did neither. Holds no value from the container's environment.
 */
public record GpuAsk(Set<GpuAskSource> sources) {

    /** A container that neither asked for a GPU nor uses one. */
    public static final GpuAsk NONE = new GpuAsk(Set.of());

    public GpuAsk {
        sources = sources.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sources));
    }

    /** Whether there is any sign: the container is to be diagnosed. */
    public boolean asked() {
        return !sources.isEmpty();
    }

    /** These signs and {@code more}. */
    public GpuAsk and(GpuAskSource more) {
        EnumSet<GpuAskSource> all = EnumSet.of(more);
        all.addAll(sources);
        return new GpuAsk(all);
    }

    /** The signs' labels in declaration order, comma-separated, for people. */
    public String describe() {
        return sources.isEmpty() ? "" : EnumSet.copyOf(sources).stream().map(GpuAskSource::label)
                .collect(Collectors.joining(", "));
    }
}
