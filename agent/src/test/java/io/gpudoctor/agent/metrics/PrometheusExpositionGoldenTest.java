package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.ScenarioStates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What Prometheus scrapes from a shipped scenario, line by line; see {@link GoldenFile} to regenerate. */
class PrometheusExpositionGoldenTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dgx-h100", "broken-node"})
    void theScrapeOfAScenarioMatchesItsGoldenFile(String scenario) {
        GoldenFile.assertMatches(scenario + ".prom", Scrapes.withoutSelf(Scrapes.text(ScenarioStates.state(scenario))));
    }
}
