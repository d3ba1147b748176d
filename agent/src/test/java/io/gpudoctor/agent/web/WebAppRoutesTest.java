package io.gpudoctor.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.collect.NodeStateSource;
import io.gpudoctor.agent.container.ContainerRefException;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.json.Json;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.Test;

/** Every route of DESIGN "HTTP" from a loopback client, against shipped scenarios. */
class WebAppRoutesTest {

    private static Javalin app(String scenario) throws Exception {
        return WebApp.create(WebTestInputs.LOCAL, WebTestInputs.scenario(scenario));
    }

    private static JsonNode json(Response response) throws Exception {
        return Json.mapper().readTree(response.body().string());
    }

    @Test
    void metricsAnswersWithTheExpositionsContentTypeAndTheScrapersAcceptHeader() throws Exception {
        JavalinTest.test(app("dgx-h100"), (server, client) -> {
            Response response = client.get("/metrics", r -> r.header("Accept", "application/openmetrics-text"));
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.headers().get("Content-Type")).containsExactly(WebTestInputs.METRICS_TYPE);
            assertThat(response.body().string()).isEqualTo("# accept=application/openmetrics-text\n");
        });
    }

    @Test
    void healthzAnswersOkWhateverTheState() throws Exception {
        Javalin app = WebApp.create(WebTestInputs.LOCAL, WebTestInputs.of(EmptyState.SOURCE));
        JavalinTest.test(app, (server, client) -> {
            assertThat(client.get("/healthz").code()).isEqualTo(200);
        });
    }

    @Test
    void readyzIs503WithRetryAfterBeforeTheFirstCollection() throws Exception {
        Javalin app = WebApp.create(WebTestInputs.LOCAL, WebTestInputs.of(EmptyState.SOURCE));
        JavalinTest.test(app, (server, client) -> {
            Response response = client.get("/readyz");
            assertThat(response.code()).isEqualTo(503);
            assertThat(response.headers().get("Retry-After")).containsExactly("5");
            assertThat(json(response).at("/error/code").asText()).isEqualTo("NOT_READY");
        });
    }

    @Test
    void readyzIs200OnceCollected() throws Exception {
        JavalinTest.test(app("dgx-h100"), (server, client) -> assertThat(client.get("/readyz").code()).isEqualTo(200));
    }

    @Test
    void diagnoseIs503WithRetryAfterBeforeTheFirstDiagnosis() throws Exception {
        Javalin app = WebApp.create(WebTestInputs.LOCAL, WebTestInputs.of(EmptyState.SOURCE));
        JavalinTest.test(app, (server, client) -> {
            Response response = client.get("/diagnose");
            assertThat(response.code()).isEqualTo(503);
            assertThat(response.headers().get("Retry-After")).isNotEmpty();
            assertThat(response.headers().get("Content-Type").get(0)).startsWith("application/json");
        });
    }

    @Test
    void diagnoseAnswersTheHostDiagnosisAsJson() throws Exception {
        JavalinTest.test(app("broken-node"), (server, client) -> {
            Response response = client.get("/diagnose");
            assertThat(response.code()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.get("schema").asText()).isEqualTo(Diagnosis.SCHEMA);
            assertThat(body.get("verdict").asText()).isEqualTo("error");
            assertThat(body.get("container").isNull()).isTrue();
        });
    }

    @Test
    void diagnoseAnswersTextWhenAsked() throws Exception {
        JavalinTest.test(app("broken-node"), (server, client) -> {
            Response response = client.get("/diagnose?format=text");
            assertThat(response.headers().get("Content-Type").get(0)).startsWith("text/plain");
            assertThat(response.body().string()).contains("GPU_LOST");
        });
    }

    @Test
    void diagnoseWithAContainerAnswersThatContainersDiagnosis() throws Exception {
        JavalinTest.test(app("workstation-rtx4090"), (server, client) -> {
            Response response = client.get("/diagnose?container=comfyui");
            assertThat(response.code()).isEqualTo(200);
            assertThat(json(response).at("/container/name").asText()).isEqualTo("comfyui");
        });
    }

    @Test
    void anUnknownContainerIs404() throws Exception {
        JavalinTest.test(app("workstation-rtx4090"), (server, client) -> {
            Response response = client.get("/diagnose?container=nosuchcontainer");
            assertThat(response.code()).isEqualTo(404);
            assertThat(json(response).at("/error/code").asText()).isEqualTo("CONTAINER_NOT_FOUND");
            assertThat(json(response).at("/error/message").asText()).contains("nosuchcontainer");
        });
    }

    @Test
    void invalidRefsAre400WithAClearMessage() throws Exception {
        String tenKilobytes = "a".repeat(10_000);
        JavalinTest.test(app("workstation-rtx4090"), (server, client) -> {
            for (String ref : new String[] {"..%2F..%2Fetc%2Fpasswd", "a%00b", "a%2Fb%2Fc%2Fd", ".*", "%28a%7Cb%29%5B",
                    "..", tenKilobytes, ""}) {
                Response response = client.get("/diagnose?container=" + ref);
                assertThat(response.code()).as(ref.length() > 40 ? "10 KB" : ref).isEqualTo(400);
                JsonNode error = json(response).get("error");
                assertThat(error.get("code").asText()).isEqualTo("INVALID_CONTAINER_REF");
                assertThat(error.get("message").asText()).isNotBlank().hasSizeLessThan(400);
            }
        });
    }

    @Test
    void anUnknownFormatOrParameterIs400() throws Exception {
        JavalinTest.test(app("dgx-h100"), (server, client) -> {
            assertThat(client.get("/diagnose?format=xml").code()).isEqualTo(400);
            assertThat(client.get("/diagnose?verbose=1").code()).isEqualTo(400);
            assertThat(client.get("/diagnose?format=text&format=json").code()).isEqualTo(400);
        });
    }

    @Test
    void tooManyQueryParametersAre400() throws Exception {
        JavalinTest.test(app("dgx-h100"), (server, client) -> {
            Response response = client.get("/metrics?" + String.join("&", java.util.Collections.nCopies(17, "a=1")));
            assertThat(response.code()).isEqualTo(400);
            assertThat(json(response).at("/error/message").asText()).contains("17 query parameters");
        });
    }

    @Test
    void gpusAnswersTheSnapshotsInventory() throws Exception {
        JavalinTest.test(app("dgx-h100"), (server, client) -> {
            JsonNode body = json(client.get("/api/v1/gpus"));
            assertThat(body.get("schema").asText()).isEqualTo("gpu-doctor/gpus/v1");
            assertThat(body.get("gpus")).hasSize(8);
        });
    }

    @Test
    void containersAnswersEachContainerWithItsMemoryPerGpu() throws Exception {
        JavalinTest.test(app("workstation-rtx4090"), (server, client) -> {
            JsonNode body = json(client.get("/api/v1/containers"));
            assertThat(body.get("schema").asText()).isEqualTo("gpu-doctor/containers/v1");
            JsonNode comfyui = body.get("containers").get(0);
            assertThat(comfyui.get("name").asText()).isEqualTo("comfyui");
            assertThat(comfyui.get("gpus").get(0).get("usedMemoryBytes").asLong()).isPositive();
            assertThat(comfyui.get("usedMemoryBytes").asLong())
                    .isEqualTo(comfyui.get("gpus").get(0).get("usedMemoryBytes").asLong());
        });
    }

    @Test
    void theApiIs503BeforeTheFirstCollection() throws Exception {
        Javalin app = WebApp.create(WebTestInputs.LOCAL, WebTestInputs.of(EmptyState.SOURCE));
        JavalinTest.test(app, (server, client) -> {
            assertThat(client.get("/api/v1/gpus").code()).isEqualTo(503);
            assertThat(client.get("/api/v1/containers").code()).isEqualTo(503);
        });
    }

    @Test
    void theStatusPageIsUtf8Html() throws Exception {
        JavalinTest.test(app("dgx-h100"), (server, client) -> {
            Response response = client.get("/");
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.headers().get("Content-Type").get(0).replace(" ", "")).isEqualToIgnoringCase("text/html;charset=utf-8");
            assertThat(response.body().string()).isEqualTo(WebTestInputs.PAGE);
        });
    }

    @Test
    void theStatusPageMayNotBeFramedNorLoadAnythingButItsOwnStyles() throws Exception {
        JavalinTest.test(app("dgx-h100"), (server, client) -> {
            Response response = client.get("/");
            assertThat(response.headers().get("Content-Security-Policy").get(0))
                    .contains("default-src 'none'").contains("frame-ancestors 'none'");
            assertThat(response.headers().get("X-Content-Type-Options").get(0)).isEqualTo("nosniff");
        });
    }

    @Test
    void anUnknownPathIsA404InTheErrorShape() throws Exception {
        JavalinTest.test(app("dgx-h100"), (server, client) -> {
            Response response = client.get("/api/v2/nothing");
            assertThat(response.code()).isEqualTo(404);
            assertThat(json(response).at("/error/code").asText()).isEqualTo("NOT_FOUND");
        });
    }

    @Test
    void anotherMethodIsA405InTheErrorShape() throws Exception {
        JavalinTest.test(app("dgx-h100"), (server, client) -> {
            Response response = client.post("/metrics", "x");
            assertThat(response.code()).isEqualTo(405);
            assertThat(json(response).at("/error/code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        });
    }

    @Test
    void anOverlongRequestLineIs414InTheErrorShape() throws Exception {
        JavalinTest.test(app("dgx-h100"), (server, client) -> {
            String answer = RawHttp.exchange(server.port(), "GET /diagnose?container=" + "a".repeat(20_000)
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 414").contains("\"URI_TOO_LONG\"", "application/json");
        });
    }

    @Test
    void overlargeHeadersAre431InTheErrorShape() throws Exception {
        JavalinTest.test(app("dgx-h100"), (server, client) -> {
            String answer = RawHttp.exchange(server.port(), "GET /metrics HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                    + "p".repeat(20_000) + "\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 431").contains("\"HEADERS_TOO_LARGE\"", "application/json");
        });
    }

    @Test
    void aFailingRouteIs500WithoutAStackTrace() throws Exception {
        NodeStateSource failing = new NodeStateSource() {
            @Override
            public NodeState current() {
                throw new IllegalStateException("secret internals at io.gpudoctor.Foo.bar(Foo.java:1)");
            }

            @Override
            public Diagnosis diagnoseContainer(String ref) throws ContainerRefException {
                throw new IllegalStateException("unused");
            }
        };
        JavalinTest.test(WebApp.create(WebTestInputs.LOCAL, WebTestInputs.of(failing)), (server, client) -> {
            Response response = client.get("/api/v1/gpus");
            assertThat(response.code()).isEqualTo(500);
            assertThat(response.body().string()).doesNotContain("Foo.java", "secret", "Exception")
                    .contains("INTERNAL_ERROR");
        });
    }
}
