package io.gpudoctor.agent.diagnosis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the probes learned about a host, one immutable facts record per concern
 * ({@code KernelModuleFacts}, {@code DockerFacts}, the GPU inventory, ...), looked up by type.
 * Keyed by type so that each concern's probe and checks live together in their own package and
 * the engine needs to know none of them.
 */
public final class HostFacts {

    private final Map<Class<?>, Object> facts;

    private HostFacts(Map<Class<?>, Object> facts) {
        this.facts = Map.copyOf(facts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The facts of this type, if a probe produced them. */
    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(type.cast(facts.get(type)));
    }

    /**
     * The facts of this type. Only for checks whose probe always runs: a missing entry is a
     * wiring bug, which the engine reports as {@link FindingCode#CHECK_FAILED}.
     */
    public <T> T get(Class<T> type) {
        return find(type).orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName() + " probed"));
    }

    /** Collects facts; a later put of the same type replaces the earlier one. */
    public static final class Builder {
        private final Map<Class<?>, Object> facts = new LinkedHashMap<>();

        public <T> Builder put(Class<T> type, T value) {
            facts.put(type, type.cast(value));
            return this;
        }

        public HostFacts build() {
            return new HostFacts(facts);
        }
    }
}
