package io.gpudoctor.agent.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesTest {

    @ParameterizedTest
    @CsvSource({"0, 0 B", "-5, 0 B", "1023, 1023 B", "1024, 1 KiB", "536870912, 512 MiB",
        "85899345920, 80.0 GiB", "80220913664, 74.7 GiB", "1099511627776, 1.0 TiB"})
    void sizesAreInBinaryUnits(long bytes, String text) {
        assertThat(Quantities.bytes(bytes)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0, 0 s", "-3, 0 s", "45, 45 s", "60, 1 min", "90, 1 min 30 s", "3600, 1 h", "7500, 2 h 5 min",
        "90000, 1 d 1 h", "172800, 2 d"})
    void agesShowTheirTwoLargestUnits(long seconds, String text) {
        assertThat(Quantities.age(Duration.ofSeconds(seconds))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"50, 100, 50", "0, 0, 0", "5, -1, 0", "200, 100, 100"})
    void percentagesStayBetweenZeroAndAHundred(long part, long whole, double percent) {
        assertThat(Quantities.percent(part, whole)).isEqualTo(percent);
    }
}
