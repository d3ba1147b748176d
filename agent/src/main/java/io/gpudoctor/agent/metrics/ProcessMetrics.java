package io.gpudoctor.agent.metrics;

import io.gpudoctor.agent.collect.NodeState;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * The daemon's own process, under the names Prometheus' Go client gives them (so the queries and
 * alerts written for any exporter work): {@code process_resident_memory_bytes},
 * {@code process_virtual_memory_bytes}, {@code process_cpu_seconds_total}, {@code process_open_fds},
 * {@code process_max_fds} and {@code process_start_time_seconds}. Read through OSHI from
 * {@code /proc/self} once per scrape; a value OSHI cannot read gives no series.
 */
public final class ProcessMetrics extends StateBinder {

    private static final double MILLIS = 1e3;

    private final ProcessReader reader;

    public ProcessMetrics() {
        this(new ProcessReader());
    }

    private ProcessMetrics(ProcessReader reader) {
        super(NodeState::empty, List.of(
                MeterSpec.gauge("process.resident.memory", Units.BYTES, "Resident memory size in bytes.",
                        s -> reader.row(p -> positive(p.getResidentMemory()))),
                MeterSpec.gauge("process.virtual.memory", Units.BYTES, "Virtual memory size in bytes.",
                        s -> reader.row(p -> positive(p.getVirtualSize()))),
                MeterSpec.counter("process.cpu", Units.SECONDS, "Total user and system CPU time spent in seconds.",
                        s -> reader.row(p -> Optional.of((p.getUserTime() + p.getKernelTime()) / MILLIS))),
                MeterSpec.gauge("process.open.fds", Units.NONE, "Number of open file descriptors.",
                        s -> reader.row(p -> positive(p.getOpenFiles()))),
                MeterSpec.gauge("process.max.fds", Units.NONE, "Maximum number of open file descriptors.",
                        s -> reader.row(p -> positive(p.getSoftOpenFileLimit()))),
                MeterSpec.gauge("process.start.time", Units.SECONDS,
                        "Start time of the process since unix epoch in seconds.",
                        s -> reader.row(p -> positive(p.getStartTime()).map(ms -> ms / MILLIS)))));
        this.reader = reader;
    }

    /** Reads the process once, then sets every series from that reading. */
    @Override
    public void refresh() {
        reader.read();
        super.refresh();
    }

    /** OSHI answers 0 or -1 for what it could not read. */
    private static Optional<Double> positive(long value) {
        return value > 0 ? Optional.of((double) value) : Optional.empty();
    }

    /** The current process as OSHI last read it. */
    private static final class ProcessReader {

        private final OperatingSystem os = new SystemInfo().getOperatingSystem();
        private volatile Optional<OSProcess> process = Optional.empty();

        void read() {
            process = Optional.ofNullable(os.getCurrentProcess());
        }

        List<MeterSpec.Row> row(Function<OSProcess, Optional<Double>> value) {
            if (process.isEmpty()) {
                read();
            }
            return process.flatMap(value).map(v -> List.of(new MeterSpec.Row(Tags.empty(), v))).orElse(List.of());
        }
    }
}
