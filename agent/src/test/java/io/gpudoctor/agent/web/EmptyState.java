package io.gpudoctor.agent.web;

import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.collect.NodeStateSource;
import io.gpudoctor.agent.container.ContainerRefException;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import java.util.List;

/** A daemon that has collected nothing yet. */
final class EmptyState {

    static final NodeStateSource SOURCE = new NodeStateSource() {
        @Override
        public NodeState current() {
            return NodeState.empty();
        }

        @Override
        public Diagnosis diagnoseContainer(String ref) throws ContainerRefException {
            throw new ContainerRefException(ContainerRefException.Kind.UNKNOWN, "nothing collected yet", List.of());
        }
    };

    private EmptyState() {
    }
}
