package io.gpudoctor.agent.web;

import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import java.time.Instant;

/**
 * Renders the pages at {@code /}, each one self-contained HTML document: the node's status page for
 * those who may see everything, and one container's diagnosis for a client inside that container.
 */
public interface StatusPageRenderer {

    /** The whole status page for {@code state}, as of {@code now}. */
    String render(NodeState state, Instant now);

    /** The page of one container's {@code diagnosis}, made at {@code now}. */
    String renderContainer(Diagnosis diagnosis, Instant now);
}
