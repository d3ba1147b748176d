package io.gpudoctor.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.collect.ScenarioStates;
import io.gpudoctor.agent.web.MetricsExposition.Scrape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Scrapes that arrive while another one renders share the next rendering, which begins after they arrived. */
class ScrapeCoalescingTest {

    private static final NodeState DGX = ScenarioStates.state("dgx-h100");

    /** The state, counting reads, the first of which waits until released. */
    private static final class GatedState implements Supplier<NodeState> {
        final AtomicInteger reads = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean gated;

        @Override
        public NodeState get() {
            reads.incrementAndGet();
            if (gated) {
                gated = false;
                entered.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return DGX;
        }
    }

    @Test
    void scrapesWaitingBehindARenderingShareTheNextOne() throws Exception {
        GatedState state = new GatedState();
        PrometheusExposition exposition = Scrapes.exposition(state);
        exposition.scrape("");
        int readsPerRendering = readsOfOneMoreRendering(exposition, state);
        state.reads.set(0);
        state.gated = true;

        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            Future<Scrape> first = pool.submit(() -> exposition.scrape(""));
            assertThat(state.entered.await(10, TimeUnit.SECONDS)).isTrue();
            List<Thread> waiting = new ArrayList<>();
            List<Future<Scrape>> others = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                CountDownLatch started = new CountDownLatch(1);
                others.add(pool.submit(() -> {
                    synchronized (waiting) {
                        waiting.add(Thread.currentThread());
                    }
                    started.countDown();
                    return exposition.scrape("");
                }));
                started.await();
            }
            awaitBlocked(waiting);
            state.release.countDown();

            first.get(10, TimeUnit.SECONDS);
            List<String> bodies = new ArrayList<>();
            for (Future<Scrape> other : others) {
                bodies.add(other.get(10, TimeUnit.SECONDS).body());
            }
            assertThat(state.reads.get()).isEqualTo(2 * readsPerRendering);
            assertThat(bodies).allMatch(b -> b.contains("nvidia_gpu_memory_total_bytes"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aScrapeArrivingAfterARenderingBeganGetsItsOwn() {
        GatedState state = new GatedState();
        PrometheusExposition exposition = Scrapes.exposition(state);
        exposition.scrape("");

        assertThat(readsOfOneMoreRendering(exposition, state)).isPositive();
    }

    @Test
    void aScrapeInAnotherFormatIsNotAnsweredWithThisOne() {
        PrometheusExposition exposition = Scrapes.exposition(() -> DGX);

        Scrape text = exposition.scrape("");
        Scrape openMetrics = exposition.scrape("application/openmetrics-text; version=1.0.0");

        assertThat(openMetrics.contentType()).isNotEqualTo(text.contentType());
        assertThat(openMetrics.body()).endsWith("# EOF\n");
    }

    /** How often one scrape reads the state, when it renders. */
    private static int readsOfOneMoreRendering(PrometheusExposition exposition, GatedState state) {
        int before = state.reads.get();
        exposition.scrape("");
        return state.reads.get() - before;
    }

    private static void awaitBlocked(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            synchronized (threads) {
                if (threads.size() == 4 && threads.stream().allMatch(t -> t.getState() == Thread.State.BLOCKED
                        || t.getState() == Thread.State.WAITING)) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the scrapes never queued behind the rendering");
    }
}
