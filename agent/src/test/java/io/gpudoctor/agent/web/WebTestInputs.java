package io.gpudoctor.agent.web;

import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.collect.NodeStateSource;
import io.gpudoctor.agent.collect.ScenarioStates;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.web.access.AccessPolicy;
import io.gpudoctor.agent.web.config.WebConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Inputs of the web app for tests: a shipped scenario's state, fixed metrics and pages, loopback-only access. */
final class WebTestInputs {

    static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String PAGE = "<!doctype html><title>gpu-doctor</title><p>Grüße</p>";

    private WebTestInputs() {
    }

    static WebInputs of(NodeStateSource source) {
        return of(source, AccessPolicy.loopbackOnly(), WebConfig.none(), WebLimits.DEFAULT);
    }

    static WebInputs of(NodeStateSource source, AccessPolicy access, WebConfig config, WebLimits limits) {
        return new WebInputs(source, accept -> MetricsExposition.Scrape.of(METRICS_TYPE, "# accept=" + accept + "\n"),
                new FixedPages(), access, config, limits, Clock.fixed(ScenarioStates.AT, ZoneOffset.UTC));
    }

    /** The page of a container: which container's diagnosis it was given, and its verdict. */
    static String containerPage(String id, String verdict) {
        return "container " + id + ": " + verdict;
    }

    /** {@link #PAGE} for the node; for a container, {@link #containerPage} of the diagnosis it was given. */
    static final class FixedPages implements StatusPageRenderer {

        @Override
        public String render(NodeState state, Instant now) {
            return PAGE;
        }

        @Override
        public String renderContainer(Diagnosis diagnosis, Instant now) {
            return containerPage(diagnosis.container().map(Diagnosis.Container::id).orElse("none"), diagnosis.verdict());
        }
    }

    static WebInputs scenario(String name) {
        return of(ScenarioStates.source(name));
    }

    static final ListenAddress LOCAL = ListenAddress.parse("127.0.0.1:0");
}
