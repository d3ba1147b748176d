package io.gpudoctor.agent.web;

import io.gpudoctor.agent.collect.NodeStateSource;
import io.gpudoctor.agent.collect.ScenarioStates;
import io.gpudoctor.agent.web.access.AccessPolicy;
import io.gpudoctor.agent.web.config.WebConfig;
import java.time.Clock;
import java.time.ZoneOffset;

/** Inputs of the web app for tests: a shipped scenario's state, fixed metrics and page, loopback-only access. */
final class WebTestInputs {

    static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String PAGE = "<!doctype html><title>gpu-doctor</title><p>Grüße</p>";

    private WebTestInputs() {
    }

    static WebInputs of(NodeStateSource source) {
        return of(source, AccessPolicy.loopbackOnly(), WebConfig.none(), WebLimits.DEFAULT);
    }

    static WebInputs of(NodeStateSource source, AccessPolicy access, WebConfig config, WebLimits limits) {
        return new WebInputs(source, accept -> new MetricsExposition.Scrape(METRICS_TYPE, "# accept=" + accept + "\n"),
                (state, now) -> PAGE, access, config, limits, Clock.fixed(ScenarioStates.AT, ZoneOffset.UTC));
    }

    static WebInputs scenario(String name) {
        return of(ScenarioStates.source(name));
    }

    static final ListenAddress LOCAL = ListenAddress.parse("127.0.0.1:0");
}
