package io.gpudoctor.agent.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a running daemon holds: its live threads (those started since it was, less the test's own
 * HTTP clients and fault makers), apart from those of its HTTP server's pool, which grows and
 * shrinks with the requests in flight up to a bound; the pool's threads; how many NVML threads
 * it has (one is normal; a second is a thread left stuck in the driver); and this process's open
 * file descriptors.
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

    /** Measures now, counting the threads not in {@code before}. */
    static DaemonResources measure(Set<Long> before) {
        List<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> !before.contains(t.getId()))
                .filter(t -> NOT_THE_DAEMONS.stream().noneMatch(t.getName()::startsWith))
                .toList();
        int nvml = (int) started.stream().filter(t -> t.getName().equals(NVML_THREAD)).count();
        int http = (int) started.stream().filter(t -> t.getName().startsWith(HTTP_THREAD)).count();
        return new DaemonResources(started.size() - http, http, nvml, openFiles(),
                started.stream().map(Thread::getName).sorted().toList());
    }

    private static long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
