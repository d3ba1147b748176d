package io.gpudoctor.agent.container;

import java.util.List;

/**
 * A {@code --container REF} that names no container, more than one, or is not a REF at all. The
 * message is for a person and never quotes more than a short, printable part of the REF.
 */
public final class ContainerRefException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the REF was not resolved. */
    public enum Kind {
        /** It names nothing running on this host. */
        UNKNOWN,
        /** It names more than one container. */
        AMBIGUOUS,
        /** It is not a container id, name, pid or {@code namespace/pod[/container]}. */
        INVALID,
        /**
         * It names nothing gpu-doctor could see, and the engines' records of names are closed to the
         * running user: the container may well exist.
         */
        DENIED
    }

    private final Kind kind;
    private final List<String> nearMatches;

    public ContainerRefException(Kind kind, String message, List<String> nearMatches) {
        super(message + (nearMatches.isEmpty() ? "" : "; did you mean: " + String.join(", ", nearMatches)));
        this.kind = kind;
        this.nearMatches = List.copyOf(nearMatches);
    }

    public Kind kind() {
        return kind;
    }

    /** Containers the REF may have meant, as a person would type them; possibly empty. */
    public List<String> nearMatches() {
        return nearMatches;
    }
}
