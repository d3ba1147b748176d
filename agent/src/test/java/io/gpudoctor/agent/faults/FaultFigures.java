package io.gpudoctor.agent.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The figures one fault test measured, written to {@code target/faults/NAME.txt} as
 * {@code key: value} lines for {@code scripts/faults.sh} to print: the documented figures come
 * from a run, not from memory.
 */
final class FaultFigures {

    static final Path FOLDER = Path.of("target", "faults");

    private final Map<String, String> lines = new LinkedHashMap<>();

    private FaultFigures(String fault) {
        lines.put("fault", fault);
    }

    /** The figures of {@code fault}, the scrapers' and the daemon's resources before and after it. */
    static FaultFigures of(String fault, ScrapeTally tally, DaemonResources before, DaemonResources after) {
        FaultFigures figures = new FaultFigures(fault);
        figures.add("requests", tally.requests());
        Map<String, Long> non2xx = tally.non2xx();
        figures.add("non_2xx", non2xx.isEmpty() ? "none" : non2xx.entrySet().stream()
                .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", ")));
        figures.add("slowest_healthz_ms", tally.slowest("/healthz").toMillis());
        figures.add("slowest_metrics_ms", tally.slowest("/metrics").toMillis());
        figures.add("threads_before", before.threads());
        figures.add("threads_after", after.threads());
        figures.add("http_threads_before", before.httpThreads());
        figures.add("http_threads_after", after.httpThreads());
        figures.add("fds_before", before.fds());
        figures.add("fds_after", after.fds());
        figures.add("nvml_threads_after", after.nvmlThreads());
        figures.add("daemon_threads_after", after.threadNames().stream()
                .filter(n -> !n.startsWith(DaemonResources.HTTP_THREAD))
                .collect(Collectors.groupingBy(n -> n.replaceAll("-\\d+$", ""), TreeMap::new,
                        Collectors.counting())));
        return figures;
    }

    FaultFigures add(String key, Object value) {
        lines.put(key, String.valueOf(value));
        return this;
    }

    /** Writes them to {@code target/faults/NAME.txt}, replacing an earlier run's. */
    void write(String name) {
        try {
            Files.createDirectories(FOLDER);
            Files.writeString(FOLDER.resolve(name + ".txt"), lines.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue() + "\n").collect(Collectors.joining()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
