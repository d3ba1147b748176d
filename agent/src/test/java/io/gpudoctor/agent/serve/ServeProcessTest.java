package io.gpudoctor.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code gpu-doctor serve} as its own process, as systemd runs it: it starts, serves, and ends on SIGTERM. */
class ServeProcessTest {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void sigtermEndsTheDaemonWithinFiveSecondsAfterItServed() throws Exception {
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.gpudoctor.agent.cli.Main",
                "serve", "--simulate", "dgx-h100", "--web.listen-address", "127.0.0.1:0")
                .redirectErrorStream(true)
                .start();
        List<String> log = new ArrayList<>();
        try {
            int port = CompletableFuture.supplyAsync(() -> awaitPort(serve, log)).get(60, TimeUnit.SECONDS);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            long asked = System.nanoTime();
            serve.destroy();

            assertThat(serve.waitFor(5, TimeUnit.SECONDS)).as("ended within 5 s of SIGTERM").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(5));
        } finally {
            serve.destroyForcibly();
        }
    }

    private static int awaitPort(Process serve, List<String> log) {
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                log.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            throw new IllegalStateException("serve ended without listening: " + log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
