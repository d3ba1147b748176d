package io.gpudoctor.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SampleValuesTest {

    @Test
    void theValueAfterLabelsHoldingSpacesAndBracesIsRewrittenAndTheLabelsKept() {
        String line = "m{a=\"x } y\",b=\"q\\\" 1.0\"} 2.1E8\n";

        assertThat(SampleValues.rewrite(line, GoFloat::text)).isEqualTo("m{a=\"x } y\",b=\"q\\\" 1.0\"} 2.1e+08\n");
    }

    @Test
    void commentsAndTimestampsAreKept() {
        String text = "# HELP m A 1.0 help.\n# TYPE m gauge\nm 1.0 1700000000000\n# EOF\n";

        assertThat(SampleValues.rewrite(text, GoFloat::text))
                .isEqualTo("# HELP m A 1.0 help.\n# TYPE m gauge\nm 1 1700000000000\n# EOF\n");
    }

    @Test
    void infinityAsTheJavaClientWritesItStaysAsPrometheusReadsIt() {
        assertThat(SampleValues.rewrite("m_bucket{le=\"+Inf\"} +Inf\n", GoFloat::text))
                .isEqualTo("m_bucket{le=\"+Inf\"} +Inf\n");
    }
}
