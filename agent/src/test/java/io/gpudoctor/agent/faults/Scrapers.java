package io.gpudoctor.agent.faults;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HTTP clients that keep asking the daemon for {@code paths}, each in turn, from threads of
 * their own while a test injects faults; each answer goes into one {@link ScrapeTally}. Each
 * client keeps one connection, as Prometheus does, so the open files of a healthy run stay level.
 */
final class Scrapers implements AutoCloseable {

    static final String THREAD_PREFIX = "faults-scraper-";
    /** A pause between two requests of one client: many scrapes, yet CPU left for the daemon. */
    private static final long PAUSE_MS = 10;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ScrapeTally tally = new ScrapeTally();
    private final List<Thread> threads = new ArrayList<>();

    private Scrapers() {
    }

    /** Starts {@code clients} clients, each asking {@code paths} in turn, starting at a different one. */
    static Scrapers start(FaultyNode node, int clients, List<String> paths) {
        Scrapers scrapers = new Scrapers();
        for (int i = 0; i < clients; i++) {
            int first = i;
            Thread t = new Thread(() -> scrapers.scrape(node, paths, first), THREAD_PREFIX + i);
            t.setDaemon(true);
            scrapers.threads.add(t);
            t.start();
        }
        return scrapers;
    }

    ScrapeTally tally() {
        return tally;
    }

    /**
     * Waits until {@code count} more requests for {@code route} were made, or {@link FaultyNode#PATIENCE} passed.
     *
     * @return whether they were made
     */
    boolean awaitMore(String route, long count) throws InterruptedException {
        long target = tally.requests(route) + count;
        long deadline = System.nanoTime() + FaultyNode.PATIENCE.toNanos();
        while (tally.requests(route) < target && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
        }
        return tally.requests(route) >= target;
    }

    /** Stops every client and waits for the answers in flight; the tally is then complete. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(FaultyNode.SCRAPE_TIMEOUT.multipliedBy(2).toMillis());
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(PAUSE_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void scrape(FaultyNode node, List<String> paths, int first) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = first; running.get(); i++) {
            String path = paths.get(i % paths.size());
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.uri(path))
                        .timeout(FaultyNode.SCRAPE_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
                tally.record(path, new Answer(response.statusCode(), response.body(),
                        Duration.ofNanos(System.nanoTime() - started)));
            } catch (IOException e) {
                tally.recordNoAnswer(path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!pause()) {
                return;
            }
        }
    }
}
