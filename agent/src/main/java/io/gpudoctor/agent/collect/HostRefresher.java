package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.container.ContainerResolver;
import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.doctor.HostDiagnosis;
import io.gpudoctor.agent.doctor.ProbedHost;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.host.HostFileReader;
import io.gpudoctor.agent.host.HostPaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the host diagnosis and the findings of the containers using GPUs current, from the latest
 * snapshot's inventory, so that {@code /diagnose} and the finding metrics never wait on the driver.
 * Runs on its own thread every diagnosis interval, and sooner when asked ({@link #request()}),
 * as the sampler does when a GPU's health changed. The host is probed once per refresh; the
 * containers are diagnosed against it up to a count and a time budget, so a node running a
 * hundred GPU containers still refreshes in seconds.
 */
final class HostRefresher {

    /** The name of the thread refreshes run on. */
    static final String THREAD = "gpu-doctor-diagnosis";

    private static final Logger LOG = LoggerFactory.getLogger(HostRefresher.class);

    private final HostDiagnosis doctor;
    private final HostPaths paths;
    private final CollectionSettings settings;
    private final NodeStateStore store;
    private final Object signal = new Object();
    private boolean requested;
    private volatile boolean stopped;

    HostRefresher(HostDiagnosis doctor, HostPaths paths, CollectionSettings settings, NodeStateStore store) {
        this.doctor = doctor;
        this.paths = paths;
        this.settings = settings;
        this.store = store;
    }

    /** Refreshes now, on the caller's thread; does nothing before the first collection. */
    void refresh() {
        Optional<GpuSnapshot> latest = store.current().gpus();
        if (latest.isEmpty()) {
            return;
        }
        ProbedHost host = doctor.probe(latest.get().inventory(), paths);
        store.publish(host.diagnosis(), containerFindings(host, latest.get()));
    }

    /** Asks for a refresh as soon as the thread is free. */
    void request() {
        synchronized (signal) {
            requested = true;
            signal.notifyAll();
        }
    }

    /** Refreshes when asked or when the interval passed, until stopped; the thread's body. */
    void run() {
        while (!stopped) {
            if (!awaitTurn()) {
                return;
            }
            try {
                refresh();
            } catch (RuntimeException e) {
                LOG.error("host diagnosis refresh failed", e);
            }
        }
    }

    /** Asks {@link #run()} to end. */
    void stop() {
        stopped = true;
        request();
    }

    private boolean awaitTurn() {
        synchronized (signal) {
            long deadline = System.nanoTime() + settings.diagnosisInterval().toNanos();
            try {
                for (long left = deadline - System.nanoTime(); !requested && !stopped && left > 0;
                     left = deadline - System.nanoTime()) {
                    signal.wait(Math.max(1, Duration.ofNanos(left).toMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            requested = false;
            return !stopped;
        }
    }

    private List<ContainerFindings> containerFindings(ProbedHost host, GpuSnapshot snapshot) {
        Map<String, Using> using = containersUsingGpus(snapshot);
        ContainerResolver resolver = new ContainerResolver(new HostFileReader(paths));
        long deadline = System.nanoTime() + settings.containerBudget().toNanos();
        List<ContainerFindings> findings = new ArrayList<>();
        int skipped = 0;
        for (Using container : using.values()) {
            if (findings.size() >= settings.maxContainerDiagnoses() || System.nanoTime() - deadline > 0) {
                skipped++;
                continue;
            }
            Optional<ContainerIdentity> identity = resolver.containerOf(container.pid())
                    .filter(i -> i.id().equals(container.labels().id()));
            identity.ifPresent(i -> findings.add(new ContainerFindings(container.labels(),
                    host.containerFindings(i).stream().filter(f -> f.scope() == Scope.CONTAINER).toList())));
        }
        if (skipped > 0) {
            LOG.warn("findings of {} of {} containers using GPUs were not computed this refresh: at most {} are,"
                    + " within {} ms", skipped, using.size(), settings.maxContainerDiagnoses(),
                    settings.containerBudget().toMillis());
        }
        return findings;
    }

    /** The containers with a process on a GPU, by id, each with one of those processes to find it by. */
    private static Map<String, Using> containersUsingGpus(GpuSnapshot snapshot) {
        Map<String, Using> using = new TreeMap<>();
        for (GpuReading gpu : snapshot.inventory().gpus()) {
            for (GpuReading.Process process : gpu.processes()) {
                process.container().ifPresent(c -> using.putIfAbsent(c.id(), new Using(c, process.pid())));
            }
        }
        return using;
    }

    private record Using(WorkloadContainer labels, long pid) {
    }
}
