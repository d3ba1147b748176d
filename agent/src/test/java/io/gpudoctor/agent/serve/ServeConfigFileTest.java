package io.gpudoctor.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.agent.driver.LibraryChoice;
import io.gpudoctor.agent.settings.ServeSettings;
import io.gpudoctor.agent.settings.Setting;
import io.gpudoctor.agent.settings.MetricsCompat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeConfigFileTest {

    @Test
    void readsEverySettingUnderTheFlagsNames() throws ConfigFileException {
        Map<Setting<?>, Object> o = ServeConfigFile.parse("""
                web:
                  listen-address: 127.0.0.1:9900
                  config-file: /etc/gpu-doctor/web-config.yml
                  max-requests-in-flight: 8
                  loopback-without-auth: true
                path:
                  rootfs: /host
                nvml:
                  library: none
                cuda:
                  library: /usr/lib/x86_64-linux-gnu/libcuda.so.1
                collect:
                  interval: 10s
                  call-timeout: 500ms
                  top-processes: 5
                diagnose:
                  interval: 2m
                kmsg:
                  path: /var/log/kern.log
                log:
                  level: debug
                """, "serve.yml");

        ServeSettings s = ServeSettings.defaults().with(o);

        assertThat(s.get(ServeSettings.LISTEN_ADDRESS)).isEqualTo("127.0.0.1:9900");
        assertThat(s.find(ServeSettings.WEB_CONFIG_FILE)).contains(Path.of("/etc/gpu-doctor/web-config.yml"));
        assertThat(s.get(ServeSettings.MAX_REQUESTS_IN_FLIGHT)).isEqualTo(8);
        assertThat(s.get(ServeSettings.ROOTFS)).isEqualTo(Path.of("/host"));
        assertThat(s.get(ServeSettings.NVML_LIBRARY).kind()).isEqualTo(LibraryChoice.Kind.NONE);
        assertThat(s.get(ServeSettings.CUDA_LIBRARY).path()).contains(Path.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1"));
        assertThat(s.get(ServeSettings.COLLECT_INTERVAL)).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.get(ServeSettings.COLLECT_CALL_TIMEOUT)).isEqualTo(Duration.ofMillis(500));
        assertThat(s.get(ServeSettings.COLLECT_TOP_PROCESSES)).isEqualTo(5);
        assertThat(s.get(ServeSettings.DIAGNOSE_INTERVAL)).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.find(ServeSettings.KMSG_PATH)).contains(Path.of("/var/log/kern.log"));
        assertThat(s.get(ServeSettings.LOG_LEVEL)).isEqualTo("debug");
        assertThat(s.get(ServeSettings.LOOPBACK_WITHOUT_AUTH)).isTrue();
    }

    @Test
    void loopbackClientsNeedCredentialsUnlessTheSettingSaysOtherwise() throws ConfigFileException {
        assertThat(ServeSettings.defaults().get(ServeSettings.LOOPBACK_WITHOUT_AUTH)).isFalse();
        assertThat(ServeSettings.defaults().with(ServeConfigFile.parse("web:\n  loopback-without-auth: false\n", "s"))
                .get(ServeSettings.LOOPBACK_WITHOUT_AUTH)).isFalse();
    }

    @Test
    void anEmptyFileChangesNothing() throws ConfigFileException {
        assertThat(ServeConfigFile.parse("\n", "serve.yml")).isEmpty();
    }

    @Test
    void aFileOfCommentsOnlyChangesNothing() throws ConfigFileException {
        assertThat(ServeConfigFile.parse("# web:\n#   listen-address: :9842\n", "s")).isEmpty();
    }

    @Test
    void aDocumentMarkerFollowedByCommentsOnlyChangesNothing() throws ConfigFileException {
        assertThat(ServeConfigFile.parse("---\n# web:\n#   listen-address: :9842\n", "s")).isEmpty();
    }

    @Test
    void aMisspeltKeyIsAnErrorThatNamesItsLine() {
        assertThatThrownBy(() -> ServeConfigFile.parse("collect:\n  intervall: 5s\n", "serve.yml"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageStartingWith("serve.yml:2:")
                .hasMessageContaining("intervall");
    }

    @Test
    void aBadDurationNamesItsKey() {
        assertThatThrownBy(() -> ServeConfigFile.parse("collect:\n  interval: often\n", "serve.yml"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("collect.interval")
                .hasMessageContaining("'often' is not a duration");
    }

    @Test
    void brokenYamlIsAnErrorNotAStackTrace() {
        assertThatThrownBy(() -> ServeConfigFile.parse("web:\n  listen-address: \"unterminated\n", "serve.yml"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("not valid YAML")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> ServeConfigFile.read(dir.resolve("nope.yml")))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageEndingWith("nope.yml: no such file");
    }

    @Test
    void aHugeFileIsRefusedUnread(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yml");
        Files.writeString(big, "#".repeat((int) ServeConfigFile.MAX_BYTES + 1));

        assertThatThrownBy(() -> ServeConfigFile.read(big)).hasMessageContaining("larger than");
    }

    @Test
    void aFlagOverridesTheFile() throws ConfigFileException {
        Map<Setting<?>, Object> file = ServeConfigFile.parse("collect:\n  interval: 10s\n  top-processes: 5\n",
                "serve.yml");
        Map<Setting<?>, Object> flags = Map.of(ServeSettings.COLLECT_INTERVAL, Duration.ofSeconds(1));

        ServeSettings s = ServeSettings.defaults().with(file).with(flags);

        assertThat(s.get(ServeSettings.COLLECT_INTERVAL)).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.get(ServeSettings.COLLECT_TOP_PROCESSES)).isEqualTo(5);
    }

    @Test
    void theDcgmCompatibilityIsSetByTheMetricsCompatKey() throws ConfigFileException {
        ServeSettings s = ServeSettings.defaults().with(ServeConfigFile.parse("metrics:\n  compat: dcgm\n", "serve.yml"));

        assertThat(s.get(ServeSettings.METRICS_COMPAT)).isEqualTo(MetricsCompat.DCGM);
        assertThat(ServeSettings.defaults().get(ServeSettings.METRICS_COMPAT)).isEqualTo(MetricsCompat.NONE);
    }

    @Test
    void anUnknownCompatibilityIsAnErrorNamingTheValues() {
        assertThatThrownBy(() -> ServeConfigFile.parse("metrics:\n  compat: nvidia\n", "serve.yml"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("none nor dcgm").hasMessageContaining("nvidia");
    }

    @Test
    void aValueGivenInCodeIsHeldToTheSameRange() {
        assertThatThrownBy(() -> ServeSettings.defaults().with(Map.of(ServeSettings.COLLECT_INTERVAL, Duration.ofMillis(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("collect.interval must be at least 100ms, not 1ms");
    }

    @Test
    void theWebConfigFileIsReadUnderTheFlagsNameAndUnderItsFormerKey() throws ConfigFileException {
        assertThat(ServeConfigFile.parse("web:\n  config:\n    file: /etc/w.yml\n", "s"))
                .containsEntry(ServeSettings.WEB_CONFIG_FILE, Path.of("/etc/w.yml"));
        assertThat(ServeConfigFile.parse("web:\n  config-file: /etc/w.yml\n", "s"))
                .containsEntry(ServeSettings.WEB_CONFIG_FILE, Path.of("/etc/w.yml"));
    }

    @Test
    void aKeyWithoutAValueLeavesTheDefault() throws ConfigFileException {
        assertThat(ServeConfigFile.parse("collect:\n  interval:\n", "s")).isEmpty();
    }

    @Test
    void aSectionGivenAValueIsAnUnknownKeyThatNamesItsLine() {
        assertThatThrownBy(() -> ServeConfigFile.parse("log:\n  level: info\ncollect: 5s\n", "s"))
                .hasMessageStartingWith("s:3:1: unknown key 'collect'");
    }

    @Test
    void aCollectIntervalTooShortToBeMeantIsRefused() {
        assertThatThrownBy(() -> ServeConfigFile.parse("collect:\n  interval: 1ms\n", "s"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage("s:2:13: collect.interval must be at least 100ms, not 1ms");
    }

    @Test
    void anUnknownLogLevelIsRefused() {
        assertThatThrownBy(() -> ServeConfigFile.parse("log:\n  level: loud\n", "s"))
                .hasMessageContaining("log.level must be one of debug, info, warn, error");
    }
}
