package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.doctor.HostDiagnosis;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.container.HostView;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's collection, running: the sampler every {@code collect.interval}, NVML's Xid events,
 * and the host diagnosis refresh, each on a daemon thread of its own, all publishing into one
 * {@link NodeStateSource}; the diagnosis thread also watches the containers that asked for a GPU.
 * {@code gpu-doctor serve} starts it and serves {@link #source()};
 * closing it stops every thread and returns at once, even while a driver call is stuck.
 */
public final class Collection implements AutoCloseable {

    /** The name of the thread collection cycles run on (their NVML calls run on {@code gpu-doctor-nvml}). */
    public static final String SAMPLER_THREAD = "gpu-doctor-sampler";

    private static final Logger LOG = LoggerFactory.getLogger(Collection.class);
    /** How long one wait for Xid events lasts: short enough for a prompt stop. */
    private static final Duration XID_WAIT = Duration.ofSeconds(1);

    private final GpuSampler sampler;
    private final NodeStateStore store;
    private final HostRefresher refresher;
    private final Optional<XidEventWatcher> watcher;
    private final ScheduledExecutorService schedule;
    private final Thread refresherThread;
    private final Optional<Thread> watcherThread;
    private volatile CollectionHealth lastHealth;
    private volatile boolean closed;

    private Collection(GpuSampler sampler, NodeStateStore store, HostRefresher refresher,
                       Optional<XidEventWatcher> watcher) {
        this.sampler = sampler;
        this.store = store;
        this.refresher = refresher;
        this.watcher = watcher;
        this.schedule = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, SAMPLER_THREAD));
        this.refresherThread = daemon(refresher::run, HostRefresher.THREAD);
        this.watcherThread = watcher.map(w -> daemon(w::run, XidEventWatcher.THREAD));
    }

    /**
     * Starts collecting from {@code driver}, reading {@code host}'s files: the first
     * cycle runs at once, the first host diagnosis as soon as it finished.
     */
    public static Collection start(DriverConnection driver, HostView host, CollectionSettings settings,
                                   HostDiagnosis doctor, Clock clock) {
        XidCounter xids = new XidCounter();
        Optional<XidEventWatcher> watcher = driver.nvml().map(n -> new XidEventWatcher(n, xids, XID_WAIT,
                settings.callDeadline(), settings.maxReinitBackoff()));
        GpuSampler sampler = new GpuSampler(driver, host, settings, clock, xids,
                () -> watcher.map(XidEventWatcher::available).orElse(false));
        NodeStateStore store = new NodeStateStore(doctor, driver, host, settings.memoryHistory(), clock);
        HostRefresher refresher = new HostRefresher(doctor, host, settings, store, clock);
        store.onContainerDiagnosed(refresher::offer);
        Collection collection = new Collection(sampler, store, refresher, watcher);
        collection.watcherThread.ifPresent(Thread::start);
        collection.refresherThread.start();
        collection.schedule.scheduleAtFixedRate(collection::sample, 0, settings.interval().toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("collection started: every {} ms, {} ms per driver call, host diagnosis every {} s",
                settings.interval().toMillis(), settings.callDeadline().toMillis(),
                settings.diagnosisInterval().toSeconds());
        return collection;
    }

    /** What the daemon serves; never blocks on the driver. */
    public NodeStateSource source() {
        return store;
    }

    /** Stops every thread; one stuck in the driver is abandoned (it is a daemon thread). */
    @Override
    public void close() {
        closed = true;
        schedule.shutdownNow();
        watcher.ifPresent(XidEventWatcher::stop);
        refresher.stop();
        refresherThread.interrupt();
        sampler.close();
    }

    private void sample() {
        try {
            GpuSnapshot snapshot = sampler.cycle();
            store.publish(snapshot);
            CollectionHealth health = CollectionHealth.of(snapshot);
            if (!health.equals(lastHealth)) {
                lastHealth = health;
                refresher.request();
            }
        } catch (RuntimeException e) {
            if (closed) {
                // The native threads were stopped under a cycle still running; its result is not wanted.
                return;
            }
            // A scheduled task that throws is never run again: the daemon must keep collecting.
            LOG.error("collection cycle failed", e);
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
