package io.gpudoctor.agent.container;

import io.gpudoctor.agent.container.ContainerRefException.Kind;
import io.gpudoctor.agent.hostfs.HostFile;
import io.gpudoctor.agent.hostfs.HostFileReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The containers running on this host and which one a {@code --container REF} names.
 *
 * <p>Containers are found from their processes ({@code /proc/<pid>/cgroup}), so that every runtime
 * is seen the same way and without its socket; names come from the runtime's files on the host.
 * A pod's sandbox ("pause") container runs no workload and is not listed.
 *
 * <p>A REF is, in this order of precedence: a full id; a pid (up to 7 digits); a name; a unique id
 * prefix of at least 12 hex characters; or {@code namespace/pod[/container]}, where a pod with one
 * container may omit it. The REF is validated before any file is read.
 */
public final class ContainerResolver {

    /** Docker's own rule: shorter prefixes collide too easily to be trusted. */
    public static final int MIN_PREFIX = 12;

    private final HostFileReader files;
    private final ContainerProcessScanner scanner;
    private final ContainerMetadataReader metadata;
    private final Clock clock;
    private Sweep lastSweep = new Sweep(List.of(), Instant.MIN);

    public ContainerResolver(HostFileReader files) {
        this(files, Clock.systemUTC());
    }

    /** @param clock dates each scan of the host's processes, which {@link #running(Duration)} shares */
    public ContainerResolver(HostFileReader files, Clock clock) {
        this.files = files;
        this.scanner = new ContainerProcessScanner(files);
        this.metadata = new ContainerMetadataReader(files);
        this.clock = clock;
    }

    /** The reader of the host root these containers are found under. */
    public HostFileReader files() {
        return files;
    }

    /** The containers running now, sorted by id. */
    public List<ContainerIdentity> containers() {
        Map<String, List<ContainerProcess>> byId = new LinkedHashMap<>();
        for (ContainerProcess process : scanner.scan()) {
            byId.computeIfAbsent(process.membership().containerId(), id -> new ArrayList<>()).add(process);
        }
        List<ContainerIdentity> containers = new ArrayList<>();
        byId.forEach((id, processes) -> identity(id, processes).ifPresent(containers::add));
        containers.sort(Comparator.comparing(ContainerIdentity::id));
        return List.copyOf(containers);
    }

    /**
     * The containers running now, sorted by id, from their processes' cgroup files alone: no
     * runtime file and no process start time is read, so that a watch can repeat this every few
     * seconds and {@link #identify} only the containers it has not seen yet. A pod's sandbox is
     * still among them.
     */
    public List<RunningContainer> running() {
        return running(Duration.ZERO).containers();
    }

    /**
     * The containers running, from a scan no older than {@code maxAge}: the container watch scans
     * every collection and the address map of web clients reuses that scan, so a node's /proc is
     * read once per cycle, not once per reader. Any thread; one scan at a time.
     */
    public synchronized Sweep running(Duration maxAge) {
        Instant now = clock.instant();
        if (lastSweep.at().equals(Instant.MIN) || !now.isBefore(lastSweep.at().plus(maxAge))) {
            lastSweep = new Sweep(scanRunning(), now);
        }
        return lastSweep;
    }

    private List<RunningContainer> scanRunning() {
        Map<String, List<Long>> byId = new TreeMap<>();
        for (ContainerProcess process : scanner.memberships()) {
            byId.computeIfAbsent(process.membership().containerId(), id -> new ArrayList<>()).add(process.pid());
        }
        List<RunningContainer> running = new ArrayList<>();
        byId.forEach((id, pids) -> running.add(new RunningContainer(id, pids.stream().sorted().toList())));
        return List.copyOf(running);
    }

    /**
     * The container {@code seen} as {@link #containers()} would list it, reading its runtime's
     * files and its processes' cgroup and start time again. Empty for a pod's sandbox, and for a
     * container whose processes have all exited or moved since the scan.
     */
    public Optional<ContainerIdentity> identify(RunningContainer seen) {
        List<ContainerProcess> processes = new ArrayList<>();
        for (long pid : seen.pids()) {
            scanner.cgroup(pid).content().flatMap(CgroupPathParser::parse)
                    .filter(m -> m.containerId().equals(seen.id()))
                    .ifPresent(m -> processes.add(scanner.withStartTicks(new ContainerProcess(pid, m, OptionalLong.empty()))));
        }
        return processes.isEmpty() ? Optional.empty() : identity(seen.id(), processes);
    }

    /**
     * The id of the container whose cgroup process {@code pid} is in, from that one file: no
     * runtime file is read, so a pod's sandbox is not told apart here. Empty for a host process or
     * one that has exited.
     */
    public Optional<String> containerIdOf(long pid) {
        return scanner.cgroup(pid).content().flatMap(CgroupPathParser::parse).map(CgroupMembership::containerId);
    }

    /**
     * The container process {@code pid} runs in, reading only that process's files (and its
     * container's init process, to name the init pid) rather than scanning every process: for
     * callers that already know which pids matter, such as the ones NVML reports. Empty for a host
     * process, a process that has exited, and a pod's sandbox (pause) container.
     */
    public Optional<ContainerIdentity> containerOf(long pid) {
        Optional<CgroupMembership> membership = scanner.cgroup(pid).content().flatMap(CgroupPathParser::parse);
        if (membership.isEmpty()) {
            return Optional.empty();
        }
        String id = membership.get().containerId();
        List<ContainerProcess> processes = new ArrayList<>();
        processes.add(new ContainerProcess(pid, membership.get(), OptionalLong.empty()));
        // The recorded init pid is believed only while its own cgroup still names this container.
        metadata.read(id).map(ContainerMetadata::initPid).filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong).filter(init -> init != pid)
                .flatMap(init -> scanner.cgroup(init).content().flatMap(CgroupPathParser::parse)
                        .filter(m -> m.containerId().equals(id))
                        .map(m -> new ContainerProcess(init, m, OptionalLong.empty())))
                .ifPresent(processes::add);
        return identity(id, processes);
    }

    /** The one container {@code ref} names. */
    public ContainerIdentity resolve(String ref) throws ContainerRefException {
        ContainerRef parsed = ContainerRefParser.parse(ref);
        if (parsed instanceof ContainerRef.Pid pid) {
            return byPid(pid.pid());
        }
        List<ContainerIdentity> all = containers();
        if (parsed instanceof ContainerRef.Hex hex) {
            return byHex(hex.hex(), all);
        }
        try {
            if (parsed instanceof ContainerRef.Name name) {
                return byName(name.name(), all).orElseThrow(() -> unknownName(name.name(), all));
            }
            return byPod((ContainerRef.Pod) parsed, all);
        } catch (ContainerRefException e) {
            throw e.kind() == Kind.UNKNOWN ? couldNotLook(ref, all).orElse(e) : e;
        }
    }

    /**
     * Why a name or pod may be unknown only to this user: some containers have no name because the
     * engine's records of them are closed to it. Empty when every container could be named.
     */
    private Optional<ContainerRefException> couldNotLook(String ref, List<ContainerIdentity> all) {
        List<String> denied = metadata.deniedFolders();
        if (denied.isEmpty() || all.stream().allMatch(c -> c.name().isPresent())) {
            return Optional.empty();
        }
        return Optional.of(new ContainerRefException(Kind.DENIED, "could not look for \""
                + ContainerRefParser.printable(ref) + "\": permission denied on " + String.join(", ", denied)
                + ", where the container engines record names and pods, so this user cannot tell which of the "
                + all.size() + " container(s) running here it is. Run as root: "
                + "sudo gpu-doctor diagnose --container " + ContainerRefParser.printable(ref), List.of()));
    }

    private Optional<ContainerIdentity> identity(String id, List<ContainerProcess> processes) {
        Optional<ContainerMetadata> found = metadata.read(id);
        if (found.map(m -> m.names().sandbox()).orElse(false)) {
            return Optional.empty();
        }
        CgroupMembership membership = processes.get(0).membership();
        // A bare id under /kubepods is taken as containerd's; found Docker (cri-dockerd) or CRI-O
        // files say better. Every other layout names its runtime unmistakably.
        ContainerRuntime runtime = membership.runtime() == ContainerRuntime.CONTAINERD
                ? found.map(ContainerMetadata::runtime).orElse(ContainerRuntime.CONTAINERD) : membership.runtime();
        ContainerNames names = found.map(ContainerMetadata::names).orElse(ContainerNames.NONE);
        OptionalLong recorded = found.map(ContainerMetadata::initPid).orElse(OptionalLong.empty());
        return Optional.of(new ContainerIdentity(id, runtime.label(), names.name(), names.pod(), names.namespace(),
                membership.podUid().or(names::podUid), initPid(processes, recorded),
                found.flatMap(ContainerMetadata::bundle)));
    }

    /** The runtime's recorded init pid when it is one of the container's, else its oldest process. */
    private static long initPid(List<ContainerProcess> processes, OptionalLong recorded) {
        if (recorded.isPresent() && processes.stream().anyMatch(p -> p.pid() == recorded.getAsLong())) {
            return recorded.getAsLong();
        }
        return processes.stream()
                .min(Comparator.comparingLong((ContainerProcess p) -> p.startTicks().orElse(Long.MAX_VALUE))
                        .thenComparingLong(ContainerProcess::pid))
                .orElseThrow().pid();
    }

    private ContainerIdentity byPid(long pid) throws ContainerRefException {
        HostFile cgroup = scanner.cgroup(pid);
        if (!cgroup.isOk()) {
            throw new ContainerRefException(Kind.UNKNOWN, "no process " + pid + " on this host", List.of());
        }
        String process = "process " + pid + scanner.comm(pid).map(c -> " (" + ContainerRefParser.printable(c) + ")").orElse("");
        Optional<CgroupMembership> membership = CgroupPathParser.parse(cgroup.text());
        if (membership.isEmpty()) {
            throw new ContainerRefException(Kind.UNKNOWN,
                    process + " is not in a container: it is a host process", List.of());
        }
        String id = membership.get().containerId();
        return containers().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new ContainerRefException(Kind.UNKNOWN, process + " runs in " + id.substring(0, 12)
                        + ", which is a pod's sandbox (pause) container or has just exited", List.of()));
    }

    private static ContainerIdentity byHex(String hex, List<ContainerIdentity> all) throws ContainerRefException {
        Optional<ContainerIdentity> exact = all.stream().filter(c -> c.id().equals(hex)).findFirst();
        if (exact.isPresent()) {
            return exact.get();
        }
        Optional<ContainerIdentity> named = byName(hex, all);
        if (named.isPresent()) {
            return named.get();
        }
        List<ContainerIdentity> prefixed = all.stream().filter(c -> c.id().startsWith(hex)).toList();
        if (hex.length() < MIN_PREFIX) {
            List<String> near = Stream.concat(prefixed.stream().map(c -> uniquePrefix(c.id(), all)),
                    NearMatches.of(hex, names(all)).stream()).limit(NearMatches.MAX).toList();
            throw new ContainerRefException(Kind.UNKNOWN, "no container named \"" + hex + "\", and an id prefix needs at least "
                    + MIN_PREFIX + " hex characters", near);
        }
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        if (prefixed.size() > 1) {
            throw new ContainerRefException(Kind.AMBIGUOUS, prefixed.size() + " containers have ids starting with "
                    + hex, prefixed.stream().map(c -> uniquePrefix(c.id(), all)).limit(NearMatches.MAX).toList());
        }
        // A mistyped id is one or two characters off the start of a real one.
        List<String> near = all.stream()
                .filter(c -> NearMatches.editDistance(hex, c.id().substring(0, hex.length())) <= 2)
                .map(c -> uniquePrefix(c.id(), all)).limit(NearMatches.MAX).toList();
        throw new ContainerRefException(Kind.UNKNOWN, "no container id starts with " + hex, near);
    }

    /**
     * The container of that name. Kubernetes names repeat across pods, so more than one match is
     * AMBIGUOUS, listing each as {@code namespace/pod/container}.
     */
    private static Optional<ContainerIdentity> byName(String name, List<ContainerIdentity> all)
            throws ContainerRefException {
        List<ContainerIdentity> named = all.stream().filter(c -> c.name().filter(name::equals).isPresent()).toList();
        if (named.size() > 1) {
            throw new ContainerRefException(Kind.AMBIGUOUS, named.size() + " containers are named " + name,
                    named.stream().map(c -> c.podPath().orElse(uniquePrefix(c.id(), all))).limit(NearMatches.MAX).toList());
        }
        return named.stream().findFirst();
    }

    private static ContainerRefException unknownName(String name, List<ContainerIdentity> all) {
        return new ContainerRefException(Kind.UNKNOWN, "no container named \"" + name + "\"",
                NearMatches.of(name, names(all)));
    }

    private static ContainerIdentity byPod(ContainerRef.Pod ref, List<ContainerIdentity> all)
            throws ContainerRefException {
        String pod = ref.namespace() + "/" + ref.pod();
        List<ContainerIdentity> inPod = all.stream()
                .filter(c -> c.namespace().filter(ref.namespace()::equals).isPresent()
                        && c.pod().filter(ref.pod()::equals).isPresent())
                .toList();
        if (inPod.isEmpty()) {
            List<String> pods = all.stream().flatMap(c -> c.namespace().flatMap(n -> c.pod().map(p -> n + "/" + p)).stream())
                    .toList();
            List<String> near = NearMatches.of(pod, pods);
            if (near.isEmpty()) {
                near = pods.stream().filter(p -> p.endsWith("/" + ref.pod())).distinct().limit(NearMatches.MAX).toList();
            }
            throw new ContainerRefException(Kind.UNKNOWN, "no pod " + pod + " runs on this node", near);
        }
        List<String> paths = inPod.stream().flatMap(c -> c.podPath().stream()).sorted().toList();
        if (ref.container().isEmpty()) {
            if (inPod.size() == 1) {
                return inPod.get(0);
            }
            throw new ContainerRefException(Kind.AMBIGUOUS, "pod " + pod + " has " + inPod.size()
                    + " containers; name one as " + pod + "/<container>", paths);
        }
        String container = ref.container().get();
        List<ContainerIdentity> named = inPod.stream().filter(c -> c.name().filter(container::equals).isPresent()).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.isEmpty()) {
            throw new ContainerRefException(Kind.UNKNOWN, "pod " + pod + " has no container " + container, paths);
        }
        // A container being restarted can briefly run twice: the id tells the instances apart.
        throw new ContainerRefException(Kind.AMBIGUOUS, named.size() + " instances of " + pod + "/" + container + " run",
                named.stream().map(c -> uniquePrefix(c.id(), all)).toList());
    }

    private static List<String> names(List<ContainerIdentity> all) {
        return all.stream().flatMap(c -> c.name().stream()).toList();
    }

    /** The shortest prefix of {@code id}, at least {@link #MIN_PREFIX} long, that no other container shares. */
    private static String uniquePrefix(String id, List<ContainerIdentity> all) {
        for (int length = MIN_PREFIX; length < id.length(); length++) {
            String prefix = id.substring(0, length);
            if (all.stream().filter(c -> c.id().startsWith(prefix)).count() == 1) {
                return prefix;
            }
        }
        return id;
    }

    /**
     * One scan of the host's processes.
     *
     * @param containers the containers it found, sorted by id
     * @param at         when it was made
     */
    public record Sweep(List<RunningContainer> containers, Instant at) {

        public Sweep {
            containers = List.copyOf(containers);
        }
    }
}
