package io.gpudoctor.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.agent.driver.LibraryChoice;
import io.gpudoctor.agent.metrics.MetricsCompat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeConfigFileTest {

    @Test
    void readsEverySettingUnderTheFlagsNames() throws ConfigFileException {
        ServeOverrides o = ServeConfigFile.parse("""
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

        ServeSettings s = ServeSettings.DEFAULTS.with(o);

        assertThat(s.listenAddress()).isEqualTo("127.0.0.1:9900");
        assertThat(s.webConfigFile()).contains(Path.of("/etc/gpu-doctor/web-config.yml"));
        assertThat(s.maxRequestsInFlight()).isEqualTo(8);
        assertThat(s.rootfs()).isEqualTo(Path.of("/host"));
        assertThat(s.nvml().kind()).isEqualTo(LibraryChoice.Kind.NONE);
        assertThat(s.cuda().path()).contains(Path.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1"));
        assertThat(s.collectInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.callTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.topProcesses()).isEqualTo(5);
        assertThat(s.diagnoseInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.kmsgPath()).contains(Path.of("/var/log/kern.log"));
        assertThat(s.logLevel()).isEqualTo("debug");
        assertThat(s.loopbackWithoutAuth()).isTrue();
    }

    @Test
    void loopbackClientsNeedCredentialsUnlessTheSettingSaysOtherwise() throws ConfigFileException {
        assertThat(ServeSettings.DEFAULTS.loopbackWithoutAuth()).isFalse();
        assertThat(ServeSettings.DEFAULTS.with(ServeConfigFile.parse("web:\n  loopback-without-auth: false\n", "s"))
                .loopbackWithoutAuth()).isFalse();
    }

    @Test
    void anEmptyFileChangesNothing() throws ConfigFileException {
        assertThat(ServeSettings.DEFAULTS.with(ServeConfigFile.parse("\n", "serve.yml")))
                .isEqualTo(ServeSettings.DEFAULTS);
    }

    @Test
    void aFileOfCommentsOnlyChangesNothing() throws ConfigFileException {
        assertThat(ServeSettings.DEFAULTS.with(ServeConfigFile.parse("# web:\n#   listen-address: :9842\n", "s")))
                .isEqualTo(ServeSettings.DEFAULTS);
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
        ServeOverrides file = ServeConfigFile.parse("collect:\n  interval: 10s\n  top-processes: 5\n", "serve.yml");
        ServeOverrides flags = new ServeOverrides(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(Duration.ofSeconds(1)),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        ServeSettings s = ServeSettings.DEFAULTS.with(file).with(flags);

        assertThat(s.collectInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.topProcesses()).isEqualTo(5);
    }

    @Test
    void theDcgmCompatibilityIsSetByTheMetricsCompatKey() throws ConfigFileException {
        ServeSettings s = ServeSettings.DEFAULTS.with(ServeConfigFile.parse("metrics:\n  compat: dcgm\n", "serve.yml"));

        assertThat(s.metricsCompat()).isEqualTo(MetricsCompat.DCGM);
        assertThat(ServeSettings.DEFAULTS.metricsCompat()).isEqualTo(MetricsCompat.NONE);
    }

    @Test
    void anUnknownCompatibilityIsAnErrorNamingTheValues() {
        assertThatThrownBy(() -> ServeConfigFile.parse("metrics:\n  compat: nvidia\n", "serve.yml"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("none or dcgm").hasMessageContaining("nvidia");
    }

    @Test
    void aCollectIntervalTooShortToBeMeantIsRefused() {
        assertThatThrownBy(() -> ServeSettings.DEFAULTS.with(ServeConfigFile.parse("collect:\n  interval: 1ms\n", "s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("collect.interval must be at least 100ms, not 1ms");
    }

    @Test
    void anUnknownLogLevelIsRefused() {
        assertThatThrownBy(() -> ServeSettings.DEFAULTS.with(ServeConfigFile.parse("log:\n  level: loud\n", "s")))
                .hasMessageContaining("log.level must be one of debug, info, warn, error");
    }
}
