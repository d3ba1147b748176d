package io.gpudoctor.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.agent.settings.ServeSettings;
import io.gpudoctor.agent.settings.Setting;
import io.gpudoctor.simulate.SimulatedFault;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration CALL_TIMEOUT = Duration.ofMillis(500);

    @Test
    void servesEveryGpuOfTheScenarioOnMetricsOnceReady() throws Exception {
        try (RunningDaemon node = RunningDaemon.start("dgx-h100", RunningDaemon.loopback(INTERVAL, CALL_TIMEOUT))) {
            node.await("/readyz", r -> r.statusCode() == 200, Duration.ofSeconds(20));

            HttpResponse<String> metrics = node.get("/metrics");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body().lines().filter(l -> l.startsWith("nvidia_gpu_memory_used_bytes{"))).hasSize(8);
            assertThat(metrics.body()).contains("nvidia_gpu_container_memory_used_bytes{");
        }
    }

    @Test
    void aDriverCallThatNeverReturnsLeavesMetricsAndHealthAnsweringWithinASecond() throws Exception {
        try (RunningDaemon node = RunningDaemon.start("dgx-h100", RunningDaemon.loopback(INTERVAL, CALL_TIMEOUT))) {
            node.await("/readyz", r -> r.statusCode() == 200, Duration.ofSeconds(20));
            node.nvml.inject(SimulatedFault.hang("memoryInfo", 3));

            HttpResponse<String> stale = node.await("/metrics",
                    r -> staleValue(r.body(), "3").equals("1"), Duration.ofSeconds(20));
            for (int i = 0; i < 100; i++) {
                long start = System.nanoTime();
                assertThat(node.get(i % 2 == 0 ? "/metrics" : "/healthz").statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            }

            assertThat(staleValue(stale.body(), "3")).isEqualTo("1");
            assertThat(stuckNativeThreads()).isLessThanOrEqualTo(1);
            assertThat(node.await("/diagnose", r -> r.body().contains("NVML_CALL_HUNG"), Duration.ofSeconds(20))
                    .body()).contains("NVML_CALL_HUNG");
        }
    }

    @Test
    void collectionRecoversWhenTheStuckCallReturns() throws Exception {
        try (RunningDaemon node = RunningDaemon.start("dgx-h100", RunningDaemon.loopback(INTERVAL, CALL_TIMEOUT))) {
            node.await("/readyz", r -> r.statusCode() == 200, Duration.ofSeconds(20));
            node.nvml.inject(SimulatedFault.hang("memoryInfo", 3));
            node.await("/metrics", r -> staleValue(r.body(), "3").equals("1"), Duration.ofSeconds(20));

            node.nvml.clearFaults();
            node.nvml.releaseHangs();

            assertThat(staleValue(node.await("/metrics", r -> staleValue(r.body(), "3").equals("0"),
                    Duration.ofSeconds(20)).body(), "3")).isEqualTo("0");
        }
    }

    @Test
    void aLostGpuIsAFindingWhileTheOthersAreStillReported() throws Exception {
        try (RunningDaemon node = RunningDaemon.start("dgx-h100", RunningDaemon.loopback(INTERVAL, CALL_TIMEOUT))) {
            node.await("/readyz", r -> r.statusCode() == 200, Duration.ofSeconds(20));
            node.nvml.inject(SimulatedFault.error(SimulatedFault.ANY_CALL, 5,
                    io.gpudoctor.nvml.NvmlReturn.ERROR_GPU_IS_LOST));

            HttpResponse<String> diagnosis = node.await("/diagnose", r -> r.body().contains("\"GPU_LOST\""),
                    Duration.ofSeconds(20));

            assertThat(diagnosis.body()).contains("\"GPU_LOST\"");
            assertThat(node.get("/metrics").body().lines()
                    .filter(l -> l.startsWith("gpu_doctor_gpu_reading_stale{") && l.endsWith(" 0"))).hasSize(7);
        }
    }

    @Test
    void aBrokenWebConfigStopsTheStartWithOneLine(@TempDir Path dir) throws IOException {
        Path webConfig = dir.resolve("web.yml");
        Files.writeString(webConfig, "basic_auth_users:\n  admin: not-a-bcrypt-hash\n");
        Map<Setting<?>, Object> withWebConfig = new HashMap<>(RunningDaemon.loopback(INTERVAL, CALL_TIMEOUT));
        withWebConfig.put(ServeSettings.WEB_CONFIG_FILE, webConfig);

        assertThatThrownBy(() -> RunningDaemon.start("dgx-h100", withWebConfig))
                .isInstanceOf(DaemonStartException.class)
                .hasMessageContaining("web.yml")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aWebConfigOthersMayWriteIsLoggedAndDiagnosedButTheDaemonServes(@TempDir Path dir) throws Exception {
        Path webConfig = dir.resolve("web.yml");
        Files.writeString(webConfig, "http_server_config:\n  headers:\n    X-Frame-Options: deny\n");
        Files.setPosixFilePermissions(webConfig, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        Map<Setting<?>, Object> withWebConfig = new HashMap<>(RunningDaemon.loopback(INTERVAL, CALL_TIMEOUT));
        withWebConfig.put(ServeSettings.WEB_CONFIG_FILE, webConfig);
        try (RunningDaemon node = RunningDaemon.start("dgx-h100", withWebConfig)) {
            HttpResponse<String> diagnosis = node.await("/diagnose", r -> r.statusCode() == 200, Duration.ofSeconds(20));
            assertThat(diagnosis.body()).contains("AGENT_CONFIG_INSECURE").contains("rw-rw-rw-");
        }
    }

    @Test
    void theExpectedGpuCountSettingJudgesTheDaemonsDiagnosisAndIsNamedInIt() throws Exception {
        Map<Setting<?>, Object> nineExpected = new HashMap<>(RunningDaemon.loopback(INTERVAL, CALL_TIMEOUT));
        nineExpected.put(ServeSettings.GPUS_EXPECTED, 9);
        try (RunningDaemon node = RunningDaemon.start("dgx-h100", nineExpected)) {
            HttpResponse<String> diagnosis = node.await("/diagnose", r -> r.body().contains("GPU_COUNT_BELOW_EXPECTED"),
                    Duration.ofSeconds(20));
            assertThat(diagnosis.body()).contains("NVML sees 8 GPUs, but 9 are expected by gpus.expected=9 (serve setting)");
        }
    }

    @Test
    void aPortInUseStopsTheStartAndLeavesNoCollectionRunning() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Map<Setting<?>, Object> onTakenPort = new HashMap<>(RunningDaemon.loopback(INTERVAL, CALL_TIMEOUT));
            onTakenPort.put(ServeSettings.LISTEN_ADDRESS, "127.0.0.1:" + taken.getLocalPort());

            assertThatThrownBy(() -> RunningDaemon.start("dgx-h100", onTakenPort))
                    .isInstanceOf(DaemonStartException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static String staleValue(String metrics, String gpu) {
        return metrics.lines()
                .filter(l -> l.startsWith("gpu_doctor_gpu_reading_stale{gpu=\"" + gpu + "\""))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1))
                .findFirst().orElse("");
    }

    private static long stuckNativeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("gpu-doctor-nvml") && t.isAlive())
                .count();
    }
}
