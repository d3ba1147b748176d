package io.gpudoctor.agent.container.facts;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The part of a container's environment that matters for GPUs: {@code NVIDIA_*}, {@code CUDA_*},
 * {@code LD_LIBRARY_PATH} and {@code PATH}, and whether {@code LD_PRELOAD} is set (not its value).
 * Nothing else from the environment is ever held here: other variables carry secrets.
 *
 * @param variables    the kept variables by name, sorted
 * @param ldPreloadSet whether {@code LD_PRELOAD} is present
 */
public record ContainerEnvironment(SortedMap<String, String> variables, boolean ldPreloadSet) {

    public ContainerEnvironment {
        variables = Collections.unmodifiableSortedMap(new TreeMap<>(variables));
    }

    /** The value of one kept variable. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /** {@code LD_LIBRARY_PATH}, when set. */
    public Optional<String> ldLibraryPath() {
        return get("LD_LIBRARY_PATH");
    }
}
