package io.gpudoctor.agent.container;

import java.util.Optional;

/**
 * What a runtime's own files call a container; never its environment, which holds secrets.
 *
 * @param sandbox whether this is a pod's sandbox ("pause" or "infra") container, which runs no workload
 */
record ContainerNames(Optional<String> name, Optional<String> pod, Optional<String> namespace,
                      Optional<String> podUid, boolean sandbox) {

    static final ContainerNames NONE = new ContainerNames(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), false);
}
