package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.nativecall.CallOutcome;
import java.time.Duration;

/**
 * The finding that stands for a watched container's diagnosis when it did not finish: the
 * container stays visible on the page and in the metrics instead of silently losing its findings.
 */
final class UnfinishedDiagnosis {

    private UnfinishedDiagnosis() {
    }

    /**
     * Why the diagnosis of {@code container} has no findings, from what became of it.
     *
     * @param retry when the watch tries again
     */
    static Finding finding(ContainerIdentity container, CallOutcome<?> outcome, Duration retry) {
        String why = outcome instanceof CallOutcome.Hung<?> hung ? hung.reason()
                : outcome instanceof CallOutcome.Failed<?> failed
                ? "failed: " + failed.error().getClass().getSimpleName() : "finished";
        return Finding.of(FindingCode.CHECK_FAILED, Severity.WARN).scope(Scope.CONTAINER)
                .title("This container's diagnosis did not finish")
                .detail("gpu-doctor reads a container's /proc files and, through its root, the libraries in"
                        + " its image. Reading them did not finish (" + why + "): a mount inside the container may"
                        + " hang, or its processes may be frozen. The other containers were diagnosed.")
                .evidence("/proc/" + container.pid(), why)
                .fix("Ask for this container's diagnosis from the host (gpu-doctor diagnose --container "
                        + container.id().substring(0, Math.min(12, container.id().length()))
                        + ") to see where it stops; the watch tries again in "
                        + retry.toSeconds() + " s.")
                .build();
    }
}
