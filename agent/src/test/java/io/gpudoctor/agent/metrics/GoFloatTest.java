package io.gpudoctor.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are what Go's {@code strconv.FormatFloat(v, 'g', -1, 64)} prints, as client_golang writes samples. */
class GoFloatTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0, 0",
            "1, 1",
            "-1, -1",
            "12, 12",
            "0.5, 0.5",
            "0.0001, 0.0001",
            "0.00001, 1e-05",
            "123456, 123456",
            "1000000, 1e+06",
            "3456000, 3.456e+06",
            "2.1E8, 2.1e+08",
            "8.5424340992E10, 8.5424340992e+10",
            "1.7966458356463387E9, 1.7966458356463387e+09",
            "-2.5E-7, -2.5e-07",
            "1.0E100, 1e+100",
            "Infinity, +Inf",
            "-Infinity, -Inf",
            "NaN, NaN"})
    void aValueIsPrintedAsTheGoClientPrintsItInPrometheusText(double value, String expected) {
        assertThat(GoFloat.text(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0, 0.0",
            "1, 1.0",
            "12, 12.0",
            "0.5, 0.5",
            "2.1E8, 2.1e+08",
            "Infinity, +Inf",
            "NaN, NaN"})
    void aValueIsAlwaysAFloatInOpenMetrics(double value, String expected) {
        assertThat(GoFloat.openMetrics(value)).isEqualTo(expected);
    }
}
