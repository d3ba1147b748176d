package io.gpudoctor.agent.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void readsSecondsAsPrometheusWritesThem() {
        assertThat(DurationText.parse("5s")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void readsMillisecondsWithoutMistakingThemForMinutes() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void addsTheUnitsOfACompoundDuration() {
        assertThat(DurationText.parse("1h2m3s")).isEqualTo(Duration.ofSeconds(3723));
    }

    @Test
    void refusesANumberWithoutAUnit() {
        assertThatThrownBy(() -> DurationText.parse("5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'5' is not a duration");
    }

    @Test
    void refusesANegativeDuration() {
        assertThatThrownBy(() -> DurationText.parse("-5s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortensAHugeValueInItsMessage() {
        assertThatThrownBy(() -> DurationText.parse("x".repeat(10_000)))
                .hasMessageContaining("...")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    @Test
    void formatsWhatItReadsBack() {
        assertThat(DurationText.format(DurationText.parse("1m30s"))).isEqualTo("1m30s");
        assertThat(DurationText.format(Duration.ofMillis(250))).isEqualTo("250ms");
    }
}
