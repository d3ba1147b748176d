package io.gpudoctor.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CollectionSettingsTest {

    @Test
    void theDefaultsCollectEveryFiveSecondsWithTwoSecondsPerCall() {
        CollectionSettings defaults = CollectionSettings.defaults();

        assertThat(defaults.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.callDeadline()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.topProcesses()).isEqualTo(32);
        assertThat(defaults.diagnosisInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.memoryHistory()).isEqualTo(120);
    }

    @Test
    void aZeroIntervalIsRefusedWithItsName() {
        assertThatThrownBy(() -> CollectionSettings.defaults().withInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval");
    }

    @Test
    void aNegativeCallDeadlineIsRefused() {
        assertThatThrownBy(() -> CollectionSettings.defaults().withCallDeadline(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("callDeadline");
    }

    @Test
    void zeroProcessesPerGpuIsRefused() {
        assertThatThrownBy(() -> CollectionSettings.defaults().withTopProcesses(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
