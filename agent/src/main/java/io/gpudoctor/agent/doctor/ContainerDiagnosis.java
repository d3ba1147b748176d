package io.gpudoctor.agent.doctor;

import io.gpudoctor.agent.container.checks.ContainerCheck;
import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.IsolatedRules;
import io.gpudoctor.agent.diagnosis.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * The container part of a diagnosis: every {@link ContainerCheck} over one container's facts, seen
 * against the host's. Each check is isolated as the host checks are: one that throws becomes a
 * {@code CHECK_FAILED} finding of scope container, and the others still run.
 */
public final class ContainerDiagnosis {

    private final List<ContainerCheck> checks;

    public ContainerDiagnosis(List<ContainerCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** Every check's findings about {@code container}, most severe first. */
    public List<Finding> evaluate(ContainerFacts container, HostFacts host) {
        List<Finding> findings = new ArrayList<>();
        for (ContainerCheck check : checks) {
            findings.addAll(IsolatedRules.run("container check " + check.getClass().getSimpleName(),
                    Scope.CONTAINER, () -> check.evaluate(container, host)));
        }
        return IsolatedRules.mostSevereFirst(findings);
    }
}
