package io.gpudoctor.agent.container;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A container as its runtime's files on the host describe it.
 *
 * @param runtime the runtime whose files these are
 * @param initPid the init process the runtime recorded, when it did
 * @param bundle  the host path of the container's OCI {@code config.json}, when there is one
 */
record ContainerMetadata(ContainerRuntime runtime, ContainerNames names, OptionalLong initPid, Optional<String> bundle) {
}
