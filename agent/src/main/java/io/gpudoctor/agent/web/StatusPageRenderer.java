package io.gpudoctor.agent.web;

import io.gpudoctor.agent.collect.NodeState;
import java.time.Instant;

/** Renders the status page at {@code /}: one self-contained HTML document from the daemon's state. */
@FunctionalInterface
public interface StatusPageRenderer {

    /** The whole page for {@code state}, as of {@code now}. */
    String render(NodeState state, Instant now);
}
