package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import io.gpudoctor.agent.container.watch.ContainerWatch;
import io.gpudoctor.agent.container.watch.WatchedContainer;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.doctor.HostDiagnosis;
import io.gpudoctor.agent.doctor.ProbedHost;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.host.HostFileReader;
import io.gpudoctor.agent.host.HostPaths;
import io.gpudoctor.agent.nativecall.CallOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the host diagnosis and the findings of every watched container (one that asked for a GPU
 * or uses one) current, so that {@code /diagnose}, the finding metrics and the status page never
 * wait on the driver or on a container's files. Runs on its own thread:
 * <ul>
 * <li>every diagnosis interval, and sooner when asked ({@link #request()}, as the sampler does when
 *     a GPU's health changed), a <em>refresh</em>: the host is probed once, from the latest
 *     snapshot's inventory, then the containers are watched against it;</li>
 * <li>every collection interval in between, a <em>scan</em>: the containers are watched against the
 *     host last probed, so that a container started or removed shows within seconds.</li>
 * </ul>
 * Watching a container diagnoses it when it first appears and again every rediagnose interval,
 * keeping its findings in between; each diagnosis is bounded in time, and a pass in count and
 * time, so a slow or hanging container delays no other. A container that is gone drops out.
 */
final class HostRefresher {

    /** The name of the thread refreshes run on. */
    static final String THREAD = "gpu-doctor-diagnosis";

    private static final Logger LOG = LoggerFactory.getLogger(HostRefresher.class);

    private final HostDiagnosis doctor;
    private final HostPaths paths;
    private final CollectionSettings settings;
    private final NodeStateStore store;
    private final Clock clock;
    private final ContainerWatch watch;
    private final BoundedContainerDiagnoses diagnoses;
    private final Object signal = new Object();
    private Map<String, Diagnosed> diagnosed = Map.of();
    private Optional<ProbedHost> lastHost = Optional.empty();
    private long nextRefresh;
    private long nextScan;
    private boolean requested;
    private volatile boolean stopped;

    HostRefresher(HostDiagnosis doctor, HostPaths paths, CollectionSettings settings, NodeStateStore store,
                  Clock clock) {
        this.doctor = doctor;
        this.paths = paths;
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.watch = new ContainerWatch(new HostFileReader(paths));
        this.diagnoses = new BoundedContainerDiagnoses(settings.containerDeadline());
        long now = System.nanoTime();
        this.nextRefresh = now + settings.diagnosisInterval().toNanos();
        this.nextScan = now + settings.interval().toNanos();
    }

    /** Probes the host and watches the containers now, on the caller's thread; nothing before the first collection. */
    void refresh() {
        Optional<GpuSnapshot> latest = store.current().gpus();
        if (latest.isEmpty()) {
            return;
        }
        ProbedHost host = doctor.probe(latest.get().inventory(), paths);
        lastHost = Optional.of(host);
        store.publish(host.diagnosis(), watchContainers(host, latest.get()));
    }

    /** Watches the containers against the host last probed, on the caller's thread; nothing before the first refresh. */
    void scan() {
        Optional<GpuSnapshot> latest = store.current().gpus();
        if (lastHost.isEmpty() || latest.isEmpty()) {
            return;
        }
        List<ContainerFindings> containers = watchContainers(lastHost.get(), latest.get());
        if (!containers.equals(store.current().containers())) {
            store.publish(containers);
        }
    }

    /** Asks for a refresh as soon as the thread is free. */
    void request() {
        synchronized (signal) {
            requested = true;
            signal.notifyAll();
        }
    }

    /** Refreshes and scans when asked or when their interval passed, until stopped; the thread's body. */
    void run() {
        try {
            while (!stopped) {
                Optional<Turn> turn = awaitTurn();
                if (turn.isEmpty()) {
                    return;
                }
                try {
                    if (turn.get() == Turn.REFRESH) {
                        refresh();
                    } else {
                        scan();
                    }
                } catch (RuntimeException e) {
                    LOG.error("host diagnosis refresh failed", e);
                }
            }
        } finally {
            diagnoses.close();
        }
    }

    /** Asks {@link #run()} to end. */
    void stop() {
        stopped = true;
        request();
    }

    private enum Turn { REFRESH, SCAN }

    private Optional<Turn> awaitTurn() {
        synchronized (signal) {
            try {
                for (long left = Math.min(nextRefresh, nextScan) - System.nanoTime(); !requested && !stopped && left > 0;
                     left = Math.min(nextRefresh, nextScan) - System.nanoTime()) {
                    signal.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            if (stopped) {
                return Optional.empty();
            }
            long now = System.nanoTime();
            Turn turn = requested || now - nextRefresh >= 0 ? Turn.REFRESH : Turn.SCAN;
            requested = false;
            nextScan = now + settings.interval().toNanos();
            if (turn == Turn.REFRESH) {
                nextRefresh = now + settings.diagnosisInterval().toNanos();
            }
            return Optional.of(turn);
        }
    }

    /**
     * The watched containers with their findings: those diagnosed within the rediagnose interval
     * keep theirs, the others are diagnosed now, as far as the pass's count and time allow.
     */
    private List<ContainerFindings> watchContainers(ProbedHost host, GpuSnapshot snapshot) {
        Instant now = clock.instant();
        long deadline = System.nanoTime() + settings.containerBudget().toNanos();
        Map<String, Diagnosed> kept = new HashMap<>();
        List<ContainerFindings> findings = new ArrayList<>();
        int ran = 0;
        int postponed = 0;
        for (WatchedContainer container : watch.scan(containersUsingGpus(snapshot))) {
            ContainerIdentity identity = container.identity();
            Optional<Diagnosed> current = Optional.ofNullable(diagnosed.get(identity.id()))
                    .filter(d -> d.identity().equals(identity))
                    .filter(d -> now.isBefore(d.at().plus(settings.rediagnoseInterval())));
            if (current.isEmpty()) {
                if (ran < settings.maxContainerDiagnoses() && System.nanoTime() - deadline < 0) {
                    current = Optional.of(new Diagnosed(identity, diagnose(host, identity), now));
                    ran++;
                } else {
                    // Kept as it was (or not shown yet) until a pass has room for it.
                    current = Optional.ofNullable(diagnosed.get(identity.id()));
                    postponed++;
                }
            }
            current.ifPresent(d -> {
                kept.put(identity.id(), d);
                findings.add(new ContainerFindings(WorkloadContainer.of(identity), container.ask(), d.findings()));
            });
        }
        if (postponed > 0) {
            LOG.warn("{} watched containers were not diagnosed this pass: at most {} are, within {} ms; they are"
                    + " at the next", postponed, settings.maxContainerDiagnoses(), settings.containerBudget().toMillis());
        }
        diagnosed = kept;
        return findings;
    }

    private List<Finding> diagnose(ProbedHost host, ContainerIdentity identity) {
        CallOutcome<List<Finding>> outcome = diagnoses.diagnose(identity.id(), () -> host.containerFindings(identity)
                .stream().filter(f -> f.scope() == Scope.CONTAINER).toList());
        if (outcome instanceof CallOutcome.Done<List<Finding>> done) {
            return done.value();
        }
        LOG.warn("the diagnosis of container {} did not finish: {}", WorkloadContainer.of(identity).shortId(),
                outcome instanceof CallOutcome.Hung<?> hung ? hung.reason() : "it failed");
        return List.of(UnfinishedDiagnosis.finding(identity, outcome, settings.rediagnoseInterval()));
    }

    /** The ids of the containers NVML lists a process of. */
    private static Set<String> containersUsingGpus(GpuSnapshot snapshot) {
        Set<String> using = new TreeSet<>();
        for (GpuReading gpu : snapshot.inventory().gpus()) {
            for (GpuReading.Process process : gpu.processes()) {
                process.container().ifPresent(c -> using.add(c.id()));
            }
        }
        return using;
    }

    /** One container's findings and when they were computed, for the identity they were computed for. */
    private record Diagnosed(ContainerIdentity identity, List<Finding> findings, Instant at) {
    }
}
