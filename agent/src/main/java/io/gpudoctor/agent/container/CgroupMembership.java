package io.gpudoctor.agent.container;

import java.util.Optional;

/**
 * The container a process belongs to, as its cgroup path tells it.
 *
 * @param runtime     the engine the path's layout names; a bare id under {@code /kubepods} is taken
 *                    as containerd's, the usual CRI, until a runtime's own files say otherwise
 * @param containerId 64 lowercase hex characters
 * @param podUid      the Kubernetes pod's UID, with dashes, when the path lies under {@code kubepods}
 */
public record CgroupMembership(ContainerRuntime runtime, String containerId, Optional<String> podUid) {
}
