package io.gpudoctor.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScrapeFormatTest {

    @Test
    void prometheusOwnAcceptHeaderGetsOpenMetrics() {
        String prometheus = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
                + "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

        assertThat(ScrapeFormat.negotiate(prometheus)).isEqualTo(ScrapeFormat.OPENMETRICS);
    }

    @Test
    void openMetricsAskedForAloneIsServed() {
        assertThat(ScrapeFormat.negotiate("Application/OpenMetrics-Text; version=1.0.0"))
                .isEqualTo(ScrapeFormat.OPENMETRICS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*/*", "text/plain", "text/plain;version=0.0.4", "application/json",
        "application/openmetrics-text;q=0", "application/openmetrics-text;q=0.5, text/plain",
        "application/openmetrics-text;q=abc", "application/openmetrics-text;q=7", ",;,;q=",
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited"})
    void anythingElseGetsPrometheusText(String accept) {
        assertThat(ScrapeFormat.negotiate(accept)).isEqualTo(ScrapeFormat.PROMETHEUS_TEXT);
    }

    @Test
    void eachFormatNamesItsContentType() {
        assertThat(ScrapeFormat.PROMETHEUS_TEXT.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(ScrapeFormat.OPENMETRICS.contentType())
                .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
    }
}
