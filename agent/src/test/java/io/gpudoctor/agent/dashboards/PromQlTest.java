package io.gpudoctor.agent.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void metricNamesLeaveOutFunctionsKeywordsLabelsAndDurations() {
        String expr = "sum by (instance, xid) (rate(nvidia_gpu_xid_errors_total{xid=~\"48|79\", job!=\"a b\"}[5m]))"
                + " - (up offset 15m or on (instance) group_left (gpu) vector(0)) > bool 1e9";

        assertThat(PromQl.metricNames(expr)).containsExactly("nvidia_gpu_xid_errors_total", "up");
    }

    @Test
    void metricNamesKeepRecordingRuleNamesWithColons() {
        assertThat(PromQl.metricNames("instance:gpu_doctor_verdict:max{instance=~\".*\"} == 2"))
                .containsExactly("instance:gpu_doctor_verdict:max");
    }
}
