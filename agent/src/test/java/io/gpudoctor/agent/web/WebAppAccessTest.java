package io.gpudoctor.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import io.gpudoctor.agent.collect.ScenarioStates;
import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.json.Json;
import io.gpudoctor.agent.web.access.AccessPolicy;
import io.gpudoctor.agent.web.access.ContainerAddresses;
import io.gpudoctor.agent.web.auth.BasicAuthenticator;
import io.gpudoctor.agent.web.config.WebConfig;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who sees what: the client's source address is injected, since JavalinTest always connects from loopback. */
class WebAppAccessTest {

    static final String COMFYUI = "8c5ee5c3dc932c19bc837adce2d1a7c9bb51a70da08b764317cfd5566cc008ae";
    static final InetAddress CONTAINER_ADDRESS = address("172.17.0.2");
    static final InetAddress STRANGER = address("192.0.2.7");
    static final InetAddress LOOPBACK = address("127.0.0.1");
    static final ContainerIdentity COMFYUI_IDENTITY = new ContainerIdentity(COMFYUI, "docker", Optional.of("comfyui"),
            Optional.empty(), Optional.empty(), Optional.empty(), 30412, Optional.empty());
    static final ContainerAddresses ADDRESSES = a -> a.equals(CONTAINER_ADDRESS) ? List.of(COMFYUI_IDENTITY) : List.of();
    static final String HASH = BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray());

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Javalin app(InetAddress client, AccessPolicy policy) throws Exception {
        WebInputs inputs = WebTestInputs.of(ScenarioStates.source("workstation-rtx4090"), policy,
                new WebConfig(Optional.empty(), Map.of("X-Frame-Options", "deny"), Map.of()), WebLimits.DEFAULT);
        return WebApp.create(WebTestInputs.LOCAL, inputs, ctx -> client);
    }

    private static AccessPolicy withAuth() {
        return new AccessPolicy(Optional.of(new BasicAuthenticator(Map.of("prometheus", HASH))), ADDRESSES);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String code(Response response) throws Exception {
        JsonNode body = Json.mapper().readTree(response.body().string());
        return body.at("/error/code").asText();
    }

    @Test
    void aStrangerIsRefusedTheDiagnosisTheApiAndThePage() throws Exception {
        JavalinTest.test(app(STRANGER, new AccessPolicy(Optional.empty(), ADDRESSES)), (server, client) -> {
            for (String path : List.of("/diagnose", "/api/v1/gpus", "/api/v1/containers", "/")) {
                Response response = client.get(path);
                assertThat(response.code()).as(path).isEqualTo(403);
                assertThat(code(response)).isEqualTo("FORBIDDEN");
            }
        });
    }

    @Test
    void aRefusalOfATextDiagnosisIsTextNamingTheDaemonsPort() throws Exception {
        AccessPolicy policy = new AccessPolicy(Optional.empty(), false, ADDRESSES, 8080);
        JavalinTest.test(app(STRANGER, policy), (server, client) -> {
            Response response = client.get("/diagnose?format=text");

            assertThat(response.code()).isEqualTo(403);
            assertThat(response.headers().get("Content-Type").get(0)).startsWith("text/plain");
            assertThat(response.body().string()).startsWith("gpu-doctor: ").contains("127.0.0.1:8080")
                    .doesNotContain("9842/").doesNotContain("{");
        });
    }

    @Test
    void aRefusalOfAJsonDiagnosisIsJson() throws Exception {
        JavalinTest.test(app(STRANGER, new AccessPolicy(Optional.empty(), ADDRESSES)), (server, client) -> {
            Response response = client.get("/diagnose?format=json");

            assertThat(response.headers().get("Content-Type").get(0)).startsWith("application/json");
            assertThat(code(response)).isEqualTo("FORBIDDEN");
        });
    }

    @Test
    void aStrangerStillGetsMetricsAndProbes() throws Exception {
        JavalinTest.test(app(STRANGER, new AccessPolicy(Optional.empty(), ADDRESSES)), (server, client) -> {
            assertThat(client.get("/metrics").code()).isEqualTo(200);
            assertThat(client.get("/healthz").code()).isEqualTo(200);
            assertThat(client.get("/readyz").code()).isEqualTo(200);
        });
    }

    @Test
    void aContainerClientGetsItsOwnContainersDiagnosisWithoutAsking() throws Exception {
        JavalinTest.test(app(CONTAINER_ADDRESS, new AccessPolicy(Optional.empty(), ADDRESSES)), (server, client) -> {
            Response response = client.get("/diagnose");
            assertThat(response.code()).isEqualTo(200);
            assertThat(Json.mapper().readTree(response.body().string()).at("/container/id").asText()).isEqualTo(COMFYUI);
        });
    }

    @Test
    void aContainerClientMayNameItself() throws Exception {
        JavalinTest.test(app(CONTAINER_ADDRESS, new AccessPolicy(Optional.empty(), ADDRESSES)), (server, client) -> {
            assertThat(client.get("/diagnose?container=comfyui").code()).isEqualTo(200);
            assertThat(client.get("/diagnose?container=" + COMFYUI.substring(0, 12)).code()).isEqualTo(200);
        });
    }

    @Test
    void aContainerClientNamingAnotherContainerIsRefused() throws Exception {
        JavalinTest.test(app(CONTAINER_ADDRESS, new AccessPolicy(Optional.empty(), ADDRESSES)), (server, client) -> {
            for (String ref : List.of("1873", "othercontainer", "default/other-pod")) {
                Response response = client.get("/diagnose?container=" + ref);
                assertThat(response.code()).as(ref).isEqualTo(403);
                assertThat(response.body().string()).contains("comfyui");
            }
        });
    }

    @Test
    void aContainerClientGetsNotTheApi() throws Exception {
        JavalinTest.test(app(CONTAINER_ADDRESS, new AccessPolicy(Optional.empty(), ADDRESSES)), (server, client) -> {
            assertThat(client.get("/api/v1/gpus").code()).isEqualTo(403);
            assertThat(client.get("/api/v1/containers").code()).isEqualTo(403);
        });
    }

    @Test
    void aContainerClientsPageIsItsOwnContainersDiagnosisNotTheNodes() throws Exception {
        JavalinTest.test(app(CONTAINER_ADDRESS, new AccessPolicy(Optional.empty(), ADDRESSES)), (server, client) -> {
            Response response = client.get("/");
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).isEqualTo(WebTestInputs.containerPage(COMFYUI, "error"));
        });
    }

    @Test
    void aContainerClientsPageNamingAnotherContainerIsRefused() throws Exception {
        JavalinTest.test(app(CONTAINER_ADDRESS, new AccessPolicy(Optional.empty(), ADDRESSES)), (server, client) -> {
            Response response = client.get("/?container=othercontainer");
            assertThat(response.code()).isEqualTo(403);
            assertThat(code(response)).isEqualTo("FORBIDDEN");
        });
    }

    @Test
    void withBasicAuthAStrangerIsAskedForCredentials() throws Exception {
        JavalinTest.test(app(STRANGER, withAuth()), (server, client) -> {
            Response response = client.get("/diagnose");
            assertThat(response.code()).isEqualTo(401);
            assertThat(response.headers().get("WWW-Authenticate").get(0)).startsWith("Basic");
            assertThat(code(response)).isEqualTo("UNAUTHORIZED");
        });
    }

    @Test
    void theRightPasswordGetsEverything() throws Exception {
        JavalinTest.test(app(STRANGER, withAuth()), (server, client) -> {
            Response response = client.get("/diagnose?container=comfyui",
                    r -> r.header("Authorization", basic("prometheus", "s3cret")));
            assertThat(response.code()).isEqualTo(200);
        });
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIs401() throws Exception {
        JavalinTest.test(app(STRANGER, withAuth()), (server, client) -> {
            assertThat(client.get("/api/v1/gpus", r -> r.header("Authorization", basic("prometheus", "guess")))
                    .code()).isEqualTo(401);
            assertThat(client.get("/api/v1/gpus", r -> r.header("Authorization", basic("root", "s3cret")))
                    .code()).isEqualTo(401);
        });
    }

    @Test
    void withBasicAuthMetricsAndTheProbesAskForCredentialsToo() throws Exception {
        JavalinTest.test(app(STRANGER, withAuth()), (server, client) -> {
            for (String path : List.of("/metrics", "/healthz", "/readyz")) {
                Response response = client.get(path);
                assertThat(response.code()).as(path).isEqualTo(401);
                assertThat(response.headers().get("WWW-Authenticate").get(0)).startsWith("Basic");
            }
        });
    }

    @Test
    void withBasicAuthTheRightPasswordGetsMetrics() throws Exception {
        JavalinTest.test(app(STRANGER, withAuth()), (server, client) -> {
            assertThat(client.get("/metrics", r -> r.header("Authorization", basic("prometheus", "s3cret"))).code())
                    .isEqualTo(200);
        });
    }

    @Test
    void withBasicAuthALoopbackClientIsAskedForCredentialsToo() throws Exception {
        JavalinTest.test(app(LOOPBACK, withAuth()), (server, client) -> {
            assertThat(client.get("/metrics").code()).isEqualTo(401);
            assertThat(client.get("/diagnose").code()).isEqualTo(401);
        });
    }

    @Test
    void withBasicAuthALoopbackClientNeedsNoCredentialsWhenTheSettingExemptsLoopback() throws Exception {
        AccessPolicy exempt = new AccessPolicy(Optional.of(new BasicAuthenticator(Map.of("prometheus", HASH))), true,
                ADDRESSES, 9842);
        JavalinTest.test(app(LOOPBACK, exempt), (server, client) -> {
            assertThat(client.get("/metrics").code()).isEqualTo(200);
            assertThat(client.get("/diagnose").code()).isEqualTo(200);
        });
        JavalinTest.test(app(STRANGER, exempt), (server, client) -> {
            assertThat(client.get("/metrics").code()).as("others still need them").isEqualTo(401);
        });
    }

    @Test
    void withBasicAuthAContainerClientStillGetsItsOwnDiagnosisWithoutCredentials() throws Exception {
        JavalinTest.test(app(CONTAINER_ADDRESS, withAuth()), (server, client) -> {
            assertThat(client.get("/diagnose").code()).isEqualTo(200);
            assertThat(client.get("/metrics").code()).as("but not the node's metrics").isEqualTo(401);
        });
    }

    @Test
    void theConfiguredHeadersAreOnEveryAnswerErrorsIncluded() throws Exception {
        JavalinTest.test(app(STRANGER, withAuth()), (server, client) -> {
            assertThat(client.get("/metrics").headers().get("X-Frame-Options")).containsExactly("deny");
            assertThat(client.get("/diagnose").headers().get("X-Frame-Options")).containsExactly("deny");
        });
    }
}
