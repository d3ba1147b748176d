package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostFacts;
import java.util.List;

/**
 * Turns one container's facts, seen against the host's (driver, GPUs, runtimes), into findings of
 * scope {@code container}. Pure: no I/O of its own; the engine isolates a check that throws.
 */
@FunctionalInterface
public interface ContainerCheck {

    List<Finding> evaluate(ContainerFacts container, HostFacts host);
}
