package io.gpudoctor.agent.web;

import io.gpudoctor.agent.collect.NodeStateSource;
import io.gpudoctor.agent.web.access.AccessPolicy;
import io.gpudoctor.agent.web.config.WebConfig;
import java.time.Clock;

/**
 * Everything the HTTP server serves from and is bounded by.
 *
 * @param state      the daemon's state: never blocks
 * @param metrics    what {@code /metrics} answers
 * @param statusPage what {@code /} answers
 * @param access     who may see {@code /diagnose}, {@code /api/*} and {@code /}
 * @param config     the web config file (TLS, headers; its users are already in {@code access})
 * @param limits     in-flight, size and time limits
 * @param clock      the status page's "now"
 */
public record WebInputs(NodeStateSource state, MetricsExposition metrics, StatusPageRenderer statusPage,
                        AccessPolicy access, WebConfig config, WebLimits limits, Clock clock) {
}
