package io.gpudoctor.agent.container;

import java.util.Optional;

/** A validated {@code --container REF}: which form it has, nothing looked up yet. */
sealed interface ContainerRef {

    /** Lowercase hex of 1 to 64 characters: a full id, a prefix of one, or a name that looks like hex. */
    record Hex(String hex) implements ContainerRef {
    }

    /** A container name of the runtime, or a Kubernetes container name. */
    record Name(String name) implements ContainerRef {
    }

    /** A host process id: the container it runs in. */
    record Pid(long pid) implements ContainerRef {
    }

    /** {@code namespace/pod[/container]}. */
    record Pod(String namespace, String pod, Optional<String> container) implements ContainerRef {
    }
}
