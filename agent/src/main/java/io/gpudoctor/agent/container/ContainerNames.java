package io.gpudoctor.agent.container;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a runtime's own files call a container; never its environment, which holds secrets.
 *
 * @param sandbox whether this is a pod's sandbox ("pause" or "infra") container, which runs no workload
 */
record ContainerNames(Optional<String> name, Optional<String> pod, Optional<String> namespace,
                      Optional<String> podUid, boolean sandbox) {

    /** Every runtime's and Kubernetes' names fit this; DNS-1123 names are a subset. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,252}");
    private static final Pattern UID = Pattern.compile("[0-9a-zA-Z][0-9a-zA-Z-]{0,63}");

    /**
     * Labels and annotations are free text anyone who starts a container can set: a value that no
     * runtime would accept as a name is dropped, so that no escape sequence or path reaches a
     * message, a log or a later lookup.
     */
    static ContainerNames of(Optional<String> name, Optional<String> pod, Optional<String> namespace,
                             Optional<String> podUid, boolean sandbox) {
        return new ContainerNames(name.filter(NAME.asMatchPredicate()), pod.filter(NAME.asMatchPredicate()),
                namespace.filter(NAME.asMatchPredicate()), podUid.filter(UID.asMatchPredicate()), sandbox);
    }

    static final ContainerNames NONE = new ContainerNames(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), false);
}
