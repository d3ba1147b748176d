package io.gpudoctor.agent.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a running daemon holds: its live threads (those started since it was, less the test's own
 * HTTP clients and fault makers), apart from those of its HTTP server's pool, which grows and
 * shrinks with the requests in flight up to a bound; the pool's threads; how many NVML threads
 * it has (one is normal; a second is a thread left stuck in the driver); and this process's open
 * file descriptors, less the test's own ends of its connections to the daemon (a scraper that
 * replaces a timed-out connection is the test's doing, not a leak of the daemon's).
 */
record DaemonResources(int threads, int httpThreads, int nvmlThreads, long fds, List<String> threadNames) {

    /** The name the daemon gives the thread its NVML calls run on. */
    static final String NVML_THREAD = "gpu-doctor-nvml";
    /** The prefix of the HTTP server's pool threads' names. */
    static final String HTTP_THREAD = "gpu-doctor-http-";

    /**
     * Threads that are not the daemon's: the tests' (the JDK's HTTP client, the scrapers, the fault
     * makers) and the JVM's own, started once by whichever code first needs them.
     */
    private static final List<String> NOT_THE_DAEMONS = List.of("HttpClient-", Scrapers.THREAD_PREFIX,
            FaultLoop.THREAD_PREFIX, "ForkJoinPool", "JNA Cleaner", "process reaper", "Common-Cleaner");

    static Set<Long> liveThreadIds() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getId)
                .collect(Collectors.toSet());
    }

    /** Measures now, counting the threads not in {@code before}; the daemon listens on {@code port}. */
    static DaemonResources measure(Set<Long> before, int port) {
        List<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> !before.contains(t.getId()))
                .filter(t -> NOT_THE_DAEMONS.stream().noneMatch(t.getName()::startsWith))
                .toList();
        int nvml = (int) started.stream().filter(t -> t.getName().equals(NVML_THREAD)).count();
        int http = (int) started.stream().filter(t -> t.getName().startsWith(HTTP_THREAD)).count();
        return new DaemonResources(started.size() - http, http, nvml, openFiles(port),
                started.stream().map(Thread::getName).sorted().toList());
    }

    private static long openFiles(int port) {
        Set<String> clientEnds = clientEnds(port);
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(DaemonResources::target).flatMap(Optional::stream).filter(t -> !clientEnds.contains(t))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a descriptor is ({@code socket:[INODE]}, a path); empty if it closed since it was listed. */
    private static Optional<String> target(Path fd) {
        try {
            return Optional.of(Files.readSymbolicLink(fd).toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The sockets, as /proc/self/fd names them, of TCP connections whose far end is {@code port}. */
    private static Set<String> clientEnds(int port) {
        Set<String> ends = new HashSet<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                lines.skip(1).map(line -> line.trim().split("\\s+"))
                        .filter(f -> f.length > 9 && Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16) == port)
                        .forEach(f -> ends.add("socket:[" + f[9] + "]"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ends;
    }
}
