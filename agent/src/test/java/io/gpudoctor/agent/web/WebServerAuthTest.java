package io.gpudoctor.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.gpudoctor.agent.collect.ScenarioStates;
import io.gpudoctor.agent.web.access.AccessPolicy;
import io.gpudoctor.agent.web.access.ContainerAddresses;
import io.gpudoctor.agent.web.auth.BasicAuthenticator;
import io.gpudoctor.agent.web.auth.FailedLoginLimiter;
import io.gpudoctor.agent.web.config.WebConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Basic auth on a started server: password checks never hold a slot, and guessing is limited per address. */
class WebServerAuthTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String FAST = BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray());

    private static WebServer started(Map<String, String> users, WebLimits limits) throws Exception {
        AccessPolicy policy = new AccessPolicy(Optional.of(new BasicAuthenticator(users)), ContainerAddresses.NONE);
        WebServer server = WebServer.create(WebTestInputs.LOCAL,
                WebTestInputs.of(ScenarioStates.source("dgx-h100"), policy, WebConfig.none(), limits));
        server.start();
        return server;
    }

    private static CompletableFuture<HttpResponse<String>> get(WebServer server, String path, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return CLIENT.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Basic " + credentials).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void wrongPasswordsBeyondTheBurstAre429WithRetryAfter() throws Exception {
        WebServer server = started(Map.of("prometheus", FAST), WebLimits.DEFAULT);
        try {
            for (int i = 0; i < FailedLoginLimiter.BURST; i++) {
                assertThat(get(server, "/metrics", "prometheus", "guess" + i).get(20, TimeUnit.SECONDS).statusCode())
                        .as("attempt %d", i).isEqualTo(401);
            }
            HttpResponse<String> limited = get(server, "/metrics", "prometheus", "another").get(20, TimeUnit.SECONDS);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            assertThat(limited.body()).contains("\"TOO_MANY_REQUESTS\"");
            assertThat(get(server, "/metrics", "prometheus", "s3cret").get(20, TimeUnit.SECONDS).statusCode())
                    .as("the right password, remembered from no earlier check, is limited too").isEqualTo(429);
        } finally {
            server.stop();
        }
    }

    @Test
    void aPasswordWaitingForBcryptHoldsNoSlotFromARememberedScraper() throws Exception {
        // Cost 13: a check takes about half a second, during which the one slot must stay free.
        String slow = BCrypt.withDefaults().hashToString(13, "other".toCharArray());
        WebServer server = started(Map.of("prometheus", FAST, "slow", slow),
                WebLimits.DEFAULT.withMaxInFlight(1).withMaxWait(Duration.ofMillis(100)));
        try {
            assertThat(get(server, "/metrics", "prometheus", "s3cret").get(30, TimeUnit.SECONDS).statusCode())
                    .as("first scrape: checked once and remembered").isEqualTo(200);
            CompletableFuture<HttpResponse<String>> checking = get(server, "/metrics", "slow", "guess");
            Thread.sleep(200);
            assertThat(checking).as("still in bcrypt").isNotDone();
            for (int i = 0; i < 3; i++) {
                assertThat(get(server, "/metrics", "prometheus", "s3cret").get(20, TimeUnit.SECONDS).statusCode())
                        .as("scrape %d during the check", i).isEqualTo(200);
            }
            assertThat(checking.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
        } finally {
            server.stop();
        }
    }
}
