package io.gpudoctor.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.collect.ScenarioStates;
import io.gpudoctor.agent.web.access.AccessPolicy;
import io.gpudoctor.agent.web.config.WebConfig;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client faults answered as client faults, over a real socket: never a 500, and the connection closed. */
class WebServerProtocolTest {

    private WebServer server;

    @BeforeEach
    void start() throws Exception {
        WebLimits limits = WebLimits.DEFAULT.withIdleTimeout(Duration.ofSeconds(1));
        server = WebServer.create(WebTestInputs.LOCAL, WebTestInputs.of(ScenarioStates.source("dgx-h100"),
                AccessPolicy.loopbackOnly(), WebConfig.none(), limits));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aRequestHeaderThatStopsHalfWayIs408WithItsOwnCode() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("\"REQUEST_TIMEOUT\"").contains("Connection: close");
        }
    }

    @Test
    void aRequestLineWithoutAVersionIs505WithItsOwnCode() throws Exception {
        assertThat(RawHttp.exchange(server.port(), "GET /metrics\r\n\r\n"))
                .startsWith("HTTP/1.1 505").contains("\"HTTP_VERSION_NOT_SUPPORTED\"").doesNotContain("INTERNAL_ERROR");
    }

    @Test
    void http09Is505WithItsOwnCode() throws Exception {
        assertThat(RawHttp.exchange(server.port(), "GET /metrics HTTP/0.9\r\n\r\n"))
                .startsWith("HTTP/1.1 505").contains("\"HTTP_VERSION_NOT_SUPPORTED\"");
    }

    @Test
    void aDuplicatedHostHeaderIs400AndClosesTheConnection() throws Exception {
        long start = System.nanoTime();
        String answer = RawHttp.exchange(server.port(),
                "GET /metrics HTTP/1.1\r\nHost: a\r\nHost: " + "b".repeat(200) + "\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("\"BAD_REQUEST\"").contains("Connection: close")
                .doesNotContain("bbbb");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("closed, not left to idle out")
                .isLessThan(900);
    }

    @Test
    void connectWithConnectionCloseIsRefusedAndClosedAtOnce() throws Exception {
        long start = System.nanoTime();
        String answer = RawHttp.exchange(server.port(), "CONNECT a:443 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 4").doesNotContain("INTERNAL_ERROR");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(900);
    }

    @Test
    void headIsAnsweredWithTheHeadersOfGetAndNoBody() throws Exception {
        String get = RawHttp.exchange(server.port(), "GET /diagnose HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        String head = RawHttp.exchange(server.port(), "HEAD /diagnose HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n");
        assertThat(header(head, "Content-Length")).isEqualTo(header(get, "Content-Length"))
                .isEqualTo(Integer.toString(get.substring(get.indexOf("\r\n\r\n") + 4)
                        .getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void headOfMetricsSaysTheLengthOfTheScrape() throws Exception {
        String head = RawHttp.exchange(server.port(), "HEAD /metrics HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n");
        assertThat(Integer.parseInt(header(head, "Content-Length"))).isPositive();
    }

    @Test
    void aScraperThatAcceptsGzipGetsTheScrapeCompressed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            String head = new String(all, StandardCharsets.ISO_8859_1);
            int bodyAt = head.indexOf("\r\n\r\n") + 4;
            assertThat(head).contains("Content-Encoding: gzip");
            byte[] body = java.util.Arrays.copyOfRange(all, bodyAt, all.length);
            try (InputStream gunzip = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                assertThat(new String(gunzip.readAllBytes(), StandardCharsets.UTF_8)).startsWith("# accept=");
            }
        }
    }

    private static String header(String answer, String name) {
        return answer.lines().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).trim()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + answer));
    }
}
