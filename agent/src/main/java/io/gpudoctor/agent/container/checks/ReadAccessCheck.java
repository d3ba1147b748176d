package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.container.facts.Fact;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether gpu-doctor could look at the container at all. Without root, a container's environment
 * and files are closed to it, and every other check then has nothing to judge: their silence must
 * not read as an all-clear (as nvidia-smi says "Insufficient Permissions" rather than nothing).
 */
public final class ReadAccessCheck implements ContainerCheck {

    @Override
    public List<Finding> evaluate(ContainerFacts container, HostFacts host) {
        Set<String> denied = new LinkedHashSet<>();
        Stream.of(container.environment(), container.mounts(), container.lockedMemory(), container.mappedLibcuda(),
                        container.bundle(), container.deviceNodes(), container.libcudaInCache(),
                        container.bundledLibraries(), container.libc(), container.torchInstalls())
                .filter(Fact::isDenied)
                .map(ReadAccessCheck::what)
                .forEach(denied::add);
        if (denied.isEmpty()) {
            return List.of();
        }
        Finding.Builder finding = Finding.of(FindingCode.CONTAINER_NOT_READABLE, Severity.WARN)
                .title("gpu-doctor could not look inside the container: permission denied")
                .detail("Only root may read another user's process files and a container's root, so gpu-doctor "
                        + "could not judge whether this container was given a GPU, which CUDA it needs, its "
                        + "/dev/shm or its locked-memory limit. The absence of other findings about it means "
                        + "nothing.");
        denied.forEach(path -> finding.evidence(path, "permission denied"));
        return List.of(finding.fix("Run it as root: `sudo gpu-doctor diagnose --container "
                + reference(container.identity()) + "`.").build());
    }

    /** The file a denied fact names: its reason is "PATH: permission denied". */
    private static String what(Fact<?> fact) {
        String reason = fact.reason();
        int colon = reason.lastIndexOf(": ");
        return colon > 0 ? reason.substring(0, colon) : reason;
    }

    private static String reference(ContainerIdentity identity) {
        return identity.name().orElse(identity.id().substring(0, Math.min(12, identity.id().length())));
    }
}
