package io.gpudoctor.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.settings.ServeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
    void everyCollectionSettingAUserGivesIsTakenFromServesSettings() {
        ServeSettings given = ServeSettings.defaults().with(Map.of(
                ServeSettings.COLLECT_INTERVAL, Duration.ofSeconds(7),
                ServeSettings.COLLECT_CALL_TIMEOUT, Duration.ofMillis(700),
                ServeSettings.COLLECT_TOP_PROCESSES, 9,
                ServeSettings.DIAGNOSE_INTERVAL, Duration.ofSeconds(90),
                ServeSettings.CONTAINERS_REDIAGNOSE_INTERVAL, Duration.ofMinutes(7),
                ServeSettings.KMSG_PATH, Path.of("/var/log/kern.log")));

        CollectionSettings settings = CollectionSettings.of(given);

        assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(7));
        assertThat(settings.callDeadline()).isEqualTo(Duration.ofMillis(700));
        assertThat(settings.topProcesses()).isEqualTo(9);
        assertThat(settings.diagnosisInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.rediagnoseInterval()).isEqualTo(Duration.ofMinutes(7));
        assertThat(settings.kernelLog()).contains(Path.of("/var/log/kern.log"));
    }
}
