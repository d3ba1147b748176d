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
import io.gpudoctor.agent.container.HostView;
import io.gpudoctor.agent.nativecall.CallOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * time, so a slow or hanging container delays no other. A diagnosis that did not finish (the node
 * busy while the daemon starts, a hanging mount) is retried one collection interval later, then
 * after twice as long each time, up to the rediagnose interval. The findings a
 * {@code /diagnose?container=} request computed are {@linkplain #offer offered} to the watch, and
 * the freshest findings of a container win. A container that is gone drops out.
 */
final class HostRefresher {

    /** The name of the thread refreshes run on. */
    static final String THREAD = "gpu-doctor-diagnosis";

    private static final Logger LOG = LoggerFactory.getLogger(HostRefresher.class);

    private final HostDiagnosis doctor;
    private final HostView host;
    private final CollectionSettings settings;
    private final NodeStateStore store;
    private final Clock clock;
    private final ContainerWatch watch;
    private final BoundedContainerDiagnoses diagnoses;
    private final ContainerDiagnoser diagnoser;
    /** Findings computed outside the watch, by container id, the newest of each; taken at the next pass. */
    private final Map<String, Diagnosed> offered = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private final FindingJournal journal;
    private Map<String, Diagnosed> diagnosed = Map.of();
    private Optional<ProbedHost> lastHost = Optional.empty();
    private long nextRefresh;
    private long nextScan;
    private boolean requested;
    private volatile boolean stopped;

    HostRefresher(HostDiagnosis doctor, HostView host, CollectionSettings settings, NodeStateStore store,
                  Clock clock) {
        this(doctor, host, settings, store, clock, ProbedHost::containerFindings);
    }

    HostRefresher(HostDiagnosis doctor, HostView host, CollectionSettings settings, NodeStateStore store,
                  Clock clock, ContainerDiagnoser diagnoser) {
        this.doctor = doctor;
        this.diagnoser = diagnoser;
        this.host = host;
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.journal = new FindingJournal(clock);
        this.watch = new ContainerWatch(host.containers());
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
        ProbedHost probed = doctor.probe(latest.get().inventory(), host);
        lastHost = Optional.of(probed);
        store.publish(probed.diagnosis(), watchContainers(probed, latest.get()));
        journal.observe(store.current());
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
            journal.observe(store.current());
        }
    }

    /**
     * One container's findings computed elsewhere ({@code /diagnose?container=}), from a diagnosis
     * begun {@code at}; the next pass shows them unless the watch's own are fresher. Any thread.
     */
    void offer(ContainerIdentity identity, List<Finding> findings, Instant at) {
        offered.merge(identity.id(), Diagnosed.finished(identity, findings, at),
                (kept, fresh) -> fresh.at().isAfter(kept.at()) ? fresh : kept);
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
     * The watched containers with their findings: those whose findings are not due for a new
     * diagnosis keep theirs, the others are diagnosed now, as far as the pass's count and time allow.
     */
    private List<ContainerFindings> watchContainers(ProbedHost host, GpuSnapshot snapshot) {
        Instant now = clock.instant();
        long deadline = System.nanoTime() + settings.containerBudget().toNanos();
        Map<String, Diagnosed> answers = takeOffered();
        Map<String, Diagnosed> kept = new HashMap<>();
        List<ContainerFindings> findings = new ArrayList<>();
        int ran = 0;
        int postponed = 0;
        for (WatchedContainer container : watch.scan(containersUsingGpus(snapshot))) {
            ContainerIdentity identity = container.identity();
            Optional<Diagnosed> freshest = Stream.of(diagnosed.get(identity.id()), answers.get(identity.id()))
                    .filter(d -> d != null && d.identity().equals(identity))
                    .max(Comparator.comparing(Diagnosed::at));
            Optional<Diagnosed> current = freshest.filter(d -> now.isBefore(d.due(settings)));
            if (current.isEmpty()) {
                if (ran < settings.maxContainerDiagnoses() && System.nanoTime() - deadline < 0) {
                    current = Optional.of(diagnose(host, identity, freshest.map(Diagnosed::failures).orElse(0), now));
                    ran++;
                } else {
                    // Kept as it was (or not shown yet) until a pass has room for it.
                    current = freshest.or(() -> Optional.ofNullable(diagnosed.get(identity.id())));
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

    /** The findings offered since the last pass, each removed as it is taken. */
    private Map<String, Diagnosed> takeOffered() {
        Map<String, Diagnosed> taken = new HashMap<>();
        for (String id : List.copyOf(offered.keySet())) {
            Optional.ofNullable(offered.remove(id)).ifPresent(d -> taken.put(id, d));
        }
        return taken;
    }

    /** @param failures how many diagnoses of this container in a row did not finish before this one */
    private Diagnosed diagnose(ProbedHost host, ContainerIdentity identity, int failures, Instant now) {
        CallOutcome<List<Finding>> outcome = diagnoses.diagnose(identity.id(), () -> diagnoser.findings(host, identity)
                .stream().filter(f -> f.scope() == Scope.CONTAINER).toList());
        if (outcome instanceof CallOutcome.Done<List<Finding>> done) {
            return Diagnosed.finished(identity, done.value(), now);
        }
        Duration retry = Diagnosed.retryDelay(failures + 1, settings);
        LOG.warn("the diagnosis of container {} did not finish: {}; retried in {} s",
                WorkloadContainer.of(identity).shortId(),
                outcome instanceof CallOutcome.Hung<?> hung ? hung.reason() : "it failed", retry.toSeconds());
        return new Diagnosed(identity, List.of(UnfinishedDiagnosis.finding(identity, outcome, retry)), now,
                failures + 1);
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

    /** Diagnoses one container against the host as probed; the daemon's runs the container checks. */
    @FunctionalInterface
    interface ContainerDiagnoser {
        List<Finding> findings(ProbedHost host, ContainerIdentity identity);
    }

    /**
     * One container's findings and when the diagnosis that found them began, for the identity they
     * were computed for.
     *
     * @param failures how many diagnoses in a row did not finish; 0 when this one did
     */
    private record Diagnosed(ContainerIdentity identity, List<Finding> findings, Instant at, int failures) {

        static Diagnosed finished(ContainerIdentity identity, List<Finding> findings, Instant at) {
            return new Diagnosed(identity, List.copyOf(findings), at, 0);
        }

        /** When the container is to be diagnosed again. */
        Instant due(CollectionSettings settings) {
            return at.plus(failures == 0 ? settings.rediagnoseInterval() : retryDelay(failures, settings));
        }

        /** One collection interval after the first failure, doubling with each, at most the rediagnose interval. */
        static Duration retryDelay(int failures, CollectionSettings settings) {
            Duration delay = settings.interval().multipliedBy(1L << Math.min(failures - 1, 20));
            return delay.compareTo(settings.rediagnoseInterval()) < 0 ? delay : settings.rediagnoseInterval();
        }
    }
}
