package io.gpudoctor.agent.container.attribution;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a host process is: its name and the container it runs in.
 *
 * @param name      the process's {@code comm}; empty when the process could not be read (it exited)
 * @param container empty for a host process, and for one whose container could not be told
 */
public record ProcessOrigin(Optional<String> name, Optional<WorkloadContainer> container) {

    /** A process nothing is known about: gone before it was read, or outside the host root. */
    public static final ProcessOrigin UNKNOWN = new ProcessOrigin(Optional.empty(), Optional.empty());

    public ProcessOrigin {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(container, "container");
    }
}
