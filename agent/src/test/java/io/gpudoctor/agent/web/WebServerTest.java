package io.gpudoctor.agent.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.agent.collect.ScenarioStates;
import io.gpudoctor.agent.web.access.AccessPolicy;
import io.gpudoctor.agent.web.config.WebConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server started for real: limits that only a socket shows. */
class WebServerTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> get(WebServer server, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A server on dgx-h100 whose connections idle out after one second, started. */
    private static WebServer startedWithOneSecondIdleTimeout() throws Exception {
        WebLimits limits = WebLimits.DEFAULT.withIdleTimeout(Duration.ofSeconds(1));
        WebServer server = WebServer.create(WebTestInputs.LOCAL, WebTestInputs.of(ScenarioStates.source("dgx-h100"),
                AccessPolicy.loopbackOnly(), WebConfig.none(), limits));
        server.start();
        return server;
    }

    @Test
    void aClientThatSendsHalfARequestIsDroppedWhileOthersAreServed() throws Exception {
        WebServer server = startedWithOneSecondIdleTimeout();
        try (Socket slow = new Socket("127.0.0.1", server.port())) {
            slow.setSoTimeout(10_000);
            OutputStream out = slow.getOutputStream();
            out.write("GET /metrics HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
            long start = System.nanoTime();
            InputStream in = slow.getInputStream();
            byte[] rest = in.readAllBytes();
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(waited).as("dropped within the idle timeout, generously").isLessThan(8_000);
            assertThat(new String(rest, StandardCharsets.US_ASCII)).doesNotContain("200 OK");
            assertThat(get(server, "/metrics").statusCode()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    @Test
    void aClientThatDribblesItsHeadersIsDroppedWithinTheIdleTimeoutWhileOthersAreServed() throws Exception {
        WebServer server = startedWithOneSecondIdleTimeout();
        try (Socket slow = new Socket("127.0.0.1", server.port())) {
            long start = System.nanoTime();
            String ended = dribbleHeadersUntilDropped(slow, "GET /metrics HTTP/1.1\r\nHost: localhost\r\n");
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(waited).as("dropped soon after the idle timeout, though a byte came every 200 ms")
                    .isLessThan(4_000);
            assertThat(ended).doesNotContain("200 OK");
            assertThat(get(server, "/metrics").statusCode()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    @Test
    void aKeptAliveClientThatDribblesItsNextRequestIsDropped() throws Exception {
        WebServer server = startedWithOneSecondIdleTimeout();
        try (Socket slow = new Socket("127.0.0.1", server.port())) {
            slow.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            slow.setSoTimeout(5_000);
            byte[] first = new byte[512];
            assertThat(new String(first, 0, slow.getInputStream().read(first), StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 200");
            long start = System.nanoTime();
            dribbleHeadersUntilDropped(slow, "GET /metrics HTTP/1.1\r\nHost: localhost\r\n");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(4_000);
        } finally {
            server.stop();
        }
    }

    @Test
    void aKeptAliveClientThatAsksAgainWithinTheTimeoutKeepsItsConnection() throws Exception {
        WebServer server = startedWithOneSecondIdleTimeout();
        try (Socket client = new Socket("127.0.0.1", server.port())) {
            client.setSoTimeout(5_000);
            byte[] answer = new byte[512];
            // Five requests 600 ms apart: three seconds on one connection with a one-second timeout.
            for (int i = 0; i < 5; i++) {
                client.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                int read = client.getInputStream().read(answer);
                assertThat(read).as("answer %d", i).isPositive();
                assertThat(new String(answer, 0, read, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
                Thread.sleep(600);
            }
        } finally {
            server.stop();
        }
    }

    /**
     * Sends {@code start}, then header lines one byte every 200 ms (each byte resets an idle
     * timeout) until the server closes the connection or answers; fails after 10 s. Returns what
     * the server sent.
     */
    private static String dribbleHeadersUntilDropped(Socket socket, String start) throws Exception {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(start.getBytes(StandardCharsets.US_ASCII));
        socket.setSoTimeout(200);
        byte[] header = "X-Slow: a\r\n".getBytes(StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; System.nanoTime() < deadline; i++) {
            int b;
            try {
                out.write(header[i % header.length]);
                out.flush();
                b = in.read();
            } catch (SocketTimeoutException e) {
                continue; // nothing from the server within 200 ms: the next byte
            } catch (IOException e) {
                return ""; // reset or broken pipe: dropped
            }
            if (b < 0) {
                return "";
            }
            socket.setSoTimeout(5_000);
            return (char) b + new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        throw new AssertionError("the server kept a dribbling client for 10 s");
    }

    @Test
    void stopReturnsWithinFiveSecondsWithIdleAndHalfSentConnectionsOpen() throws Exception {
        WebServer server = WebServer.create(WebTestInputs.LOCAL, WebTestInputs.scenario("dgx-h100"));
        server.start();
        assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
        try (Socket slow = new Socket("127.0.0.1", server.port())) {
            slow.getOutputStream().write("GET /metrics HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            server.stop();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        }
    }

    @Test
    void stopDropsAHalfSentConnectionAtOnceWithA408AndAnIdleOneWithoutAWord() throws Exception {
        WebServer server = WebServer.create(WebTestInputs.LOCAL, WebTestInputs.scenario("dgx-h100"));
        server.start();
        try (Socket idle = new Socket("127.0.0.1", server.port());
             Socket slow = new Socket("127.0.0.1", server.port())) {
            idle.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            idle.setSoTimeout(5_000);
            byte[] first = new byte[512];
            assertThat(new String(first, 0, idle.getInputStream().read(first), StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 200");
            slow.getOutputStream().write("GET /metrics HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            slow.setSoTimeout(5_000);

            server.stop();

            assertThat(new String(slow.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 408");
            assertThat(idle.getInputStream().read()).as("the idle connection closed").isEqualTo(-1);
        }
    }

    /** A server on dgx-h100 answering one request at a time, whose /metrics blocks until {@code release}. */
    private static WebServer oneAtATimeBlockingOnMetrics(CountDownLatch entered, CountDownLatch release,
                                                         WebLimits limits) throws Exception {
        return oneAtATimeBlockingOnMetrics(entered, release, limits, new ArrayList<>());
    }

    /**
     * As {@link #oneAtATimeBlockingOnMetrics(CountDownLatch, CountDownLatch, WebLimits)}, adding each
     * /metrics request's Accept header to {@code served} as it is answered: the server's own order.
     */
    private static WebServer oneAtATimeBlockingOnMetrics(CountDownLatch entered, CountDownLatch release,
                                                         WebLimits limits, List<String> served) throws Exception {
        MetricsExposition blocking = accept -> {
            served.add(accept);
            entered.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return MetricsExposition.Scrape.of("text/plain", "# slow\n");
        };
        WebInputs inputs = new WebInputs(ScenarioStates.source("dgx-h100"), blocking, new WebTestInputs.FixedPages(),
                AccessPolicy.loopbackOnly(), WebConfig.none(), limits.withMaxInFlight(1),
                Clock.fixed(ScenarioStates.AT, ZoneOffset.UTC));
        WebServer server = WebServer.create(WebTestInputs.LOCAL, inputs);
        server.start();
        return server;
    }

    @Test
    void aRequestOverTheInFlightLimitWaitsThen503sWithRetryAfter() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WebServer server = oneAtATimeBlockingOnMetrics(entered, release,
                WebLimits.DEFAULT.withMaxWait(Duration.ofMillis(300)));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<HttpResponse<String>> first = pool.submit(() -> get(server, "/metrics"));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            HttpResponse<String> second = get(server, "/diagnose");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("waited for a slot, not longer")
                    .isBetween(250L, 5_000L);
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(second.body()).contains("\"OVERLOADED\"");
            assertThat(get(server, "/healthz").statusCode()).as("probes are exempt").isEqualTo(200);
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(get(server, "/diagnose").statusCode()).as("the slot came back").isEqualTo(200);
        } finally {
            release.countDown();
            pool.shutdownNow();
            server.stop();
        }
    }

    @Test
    void aRequestOverTheInFlightLimitIsServedWhenASlotFreesWithinItsWait() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WebServer server = oneAtATimeBlockingOnMetrics(entered, release, WebLimits.DEFAULT);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<String>> first = pool.submit(() -> get(server, "/metrics"));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            Future<HttpResponse<String>> second = pool.submit(() -> get(server, "/diagnose"));
            Thread.sleep(200);
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        } finally {
            release.countDown();
            pool.shutdownNow();
            server.stop();
        }
    }

    @Test
    void theClientWithFewerRequestsOutstandingIsServedBeforeAFloodingOne() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> served = Collections.synchronizedList(new ArrayList<>());
        WebServer server = oneAtATimeBlockingOnMetrics(entered, release, WebLimits.DEFAULT, served);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // 127.0.0.1 holds the slot and queues five more; 127.0.0.2 queues one, last.
            Future<String> holder = pool.submit(() -> scrape("127.0.0.1", server.port(), "holder"));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<String>> flood = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                flood.add(pool.submit(() -> scrape("127.0.0.1", server.port(), "flood")));
            }
            Thread.sleep(300);
            Future<String> other = pool.submit(() -> scrape("127.0.0.2", server.port(), "other"));
            Thread.sleep(300);
            release.countDown();
            assertThat(other.get(10, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200");
            for (Future<String> flooded : flood) {
                assertThat(flooded.get(10, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200");
            }
            assertThat(holder.get(10, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200");
            // The order the server answered in, not the clients' clocks, which their threads' scheduling skews.
            assertThat(served).as("the other client went first").startsWith("holder", "other").hasSize(7);
        } finally {
            release.countDown();
            pool.shutdownNow();
            server.stop();
        }
    }

    /** Asks /metrics from {@code source}, saying {@code accept}; returns the whole answer. */
    private static String scrape(String source, int port, String accept) throws IOException {
        try (Socket socket = new Socket(java.net.InetAddress.getLoopbackAddress(), port,
                java.net.InetAddress.getByName(source), 0)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: a\r\nAccept: " + accept
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aClientAtItsConnectionShareHasItsNextConnectionClosedWhileAnotherClientIsServed() throws Exception {
        WebServer server = WebServer.create(WebTestInputs.LOCAL, WebTestInputs.of(ScenarioStates.source("dgx-h100"),
                AccessPolicy.loopbackOnly(), WebConfig.none(), WebLimits.DEFAULT.withMaxConnections(64, 2)));
        server.start();
        try (Socket one = new Socket("127.0.0.1", server.port()); Socket two = new Socket("127.0.0.1", server.port())) {
            assertThat(keepAliveExchange(one)).startsWith("HTTP/1.1 200");
            assertThat(keepAliveExchange(two)).startsWith("HTTP/1.1 200");
            try (Socket third = new Socket("127.0.0.1", server.port())) {
                assertThat(keepAliveExchange(third)).as("a third connection of one address").isEmpty();
            }
            try (Socket other = new Socket(java.net.InetAddress.getLoopbackAddress(), server.port(),
                    java.net.InetAddress.getByName("127.0.0.2"), 0)) {
                assertThat(keepAliveExchange(other)).startsWith("HTTP/1.1 200");
            }
            assertThat(keepAliveExchange(one)).as("the first two stay").startsWith("HTTP/1.1 200");
        } finally {
            server.stop();
        }
    }

    @Test
    void pastTheConnectionLimitTheOldestConnectionOfTheLargestClientMakesRoomForANewcomer() throws Exception {
        WebServer server = WebServer.create(WebTestInputs.LOCAL, WebTestInputs.of(ScenarioStates.source("dgx-h100"),
                AccessPolicy.loopbackOnly(), WebConfig.none(), WebLimits.DEFAULT.withMaxConnections(4, 64)));
        server.start();
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                flood.add(socket);
                assertThat(keepAliveExchange(socket)).startsWith("HTTP/1.1 200");
            }
            try (Socket newcomer = new Socket(java.net.InetAddress.getLoopbackAddress(), server.port(),
                    java.net.InetAddress.getByName("127.0.0.2"), 0)) {
                assertThat(keepAliveExchange(newcomer)).startsWith("HTTP/1.1 200");
                flood.get(0).setSoTimeout(5_000);
                assertThat(flood.get(0).getInputStream().read()).as("the oldest of the flood was closed").isEqualTo(-1);
                assertThat(keepAliveExchange(flood.get(3))).as("the newest of the flood stays").startsWith("HTTP/1.1 200");
            }
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
            server.stop();
        }
    }

    /**
     * One keep-alive request for /healthz on {@code socket}; returns the answer's head and body,
     * empty when the server closed the connection instead.
     */
    private static String keepAliveExchange(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        try {
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = new byte[2048];
            int read = socket.getInputStream().read(answer);
            return new String(answer, 0, Math.max(0, read), StandardCharsets.US_ASCII);
        } catch (java.net.SocketException reset) {
            return "";
        }
    }

    @Test
    void anAddressInUseIsAOneLineError() throws Exception {
        WebServer first = WebServer.create(WebTestInputs.LOCAL, WebTestInputs.scenario("dgx-h100"));
        first.start();
        List<WebServer> started = new ArrayList<>(List.of(first));
        try {
            WebServer second = WebServer.create(ListenAddress.parse("127.0.0.1:" + first.port()),
                    WebTestInputs.scenario("dgx-h100"));
            assertThatThrownBy(second::start).isInstanceOf(WebServerException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + first.port())
                    .hasMessageNotContaining("\n");
        } finally {
            started.forEach(WebServer::stop);
        }
    }
}
