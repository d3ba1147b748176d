package io.gpudoctor.agent.diagnosis;

import java.util.List;

/** Turns facts into findings; one class per concern, pure: no I/O of its own. */
@FunctionalInterface
public interface Check {

    List<Finding> evaluate(HostFacts facts);
}
