package io.gpudoctor.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptEncodingTest {

    @ParameterizedTest(name = "[{0}] → {1}")
    @CsvSource(delimiter = '|', value = {
        "gzip|true",
        "gzip, deflate, br|true",
        "identity|false",
        "br;q=1.0, gzip;q=0.5|true",
        "gzip;q=0|false",
        "*|true",
        "*;q=0|false",
        "gzip;q=0, *|false",
        "GZIP|true",
        "x-gzip|true",
        "gzip;q=nonsense|false",
        "''|false",
    })
    void gzipIsAcceptedWhenNamedOrCoveredByAStarWithAWeightAboveZero(String header, boolean gzip) {
        assertThat(AcceptEncoding.allowsGzip(header)).isEqualTo(gzip);
    }
}
