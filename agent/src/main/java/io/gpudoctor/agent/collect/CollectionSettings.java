package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.settings.ServeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the daemon collects: its schedules, the deadline of each driver call, and the bounds that
 * keep a big node from making collection slow or the state large.
 *
 * @param interval               how often the GPUs are read ({@code collect.interval})
 * @param callDeadline           how long one driver call may take before it is abandoned
 * @param topProcesses           per-process metric rows per GPU (the largest first)
 * @param diagnosisInterval      how often the host diagnosis is refreshed when nothing asks sooner
 * @param memoryHistory          how many memory samples the status page's chart keeps
 * @param maxContainerDiagnoses  how many containers one pass of the container watch diagnoses at most; the
 *                               others wait for the next pass
 * @param containerBudget        how long one pass may spend on containers' findings
 * @param containerDeadline      how long one container's diagnosis may take before it is abandoned
 * @param rediagnoseInterval     how long a watched container's findings are kept before it is diagnosed again
 * @param maxReinitBackoff       the longest wait between two attempts to start NVML again
 * @param kernelLog              a kernel log file to read instead of the host's {@code /dev/kmsg}
 */
public record CollectionSettings(Duration interval, Duration callDeadline, int topProcesses,
                                 Duration diagnosisInterval, int memoryHistory, int maxContainerDiagnoses,
                                 Duration containerBudget, Duration containerDeadline, Duration rediagnoseInterval,
                                 Duration maxReinitBackoff, Optional<Path> kernelLog) {

    public CollectionSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(callDeadline, "callDeadline");
        Objects.requireNonNull(diagnosisInterval, "diagnosisInterval");
        Objects.requireNonNull(containerBudget, "containerBudget");
        Objects.requireNonNull(containerDeadline, "containerDeadline");
        Objects.requireNonNull(rediagnoseInterval, "rediagnoseInterval");
        Objects.requireNonNull(maxReinitBackoff, "maxReinitBackoff");
        Objects.requireNonNull(kernelLog, "kernelLog");
    }

    /**
     * How {@code serve} collects with {@code settings}: the user's settings as given (each held to its
     * range where it is declared, {@link ServeSettings}), and the bounds no user sets: 10 minutes of
     * chart, at most 64 containers diagnosed per pass within 10 s, 2 s per container, NVML restarted
     * at least once a minute.
     */
    public static CollectionSettings of(ServeSettings settings) {
        return new CollectionSettings(settings.get(ServeSettings.COLLECT_INTERVAL),
                settings.get(ServeSettings.COLLECT_CALL_TIMEOUT), settings.get(ServeSettings.COLLECT_TOP_PROCESSES),
                settings.get(ServeSettings.DIAGNOSE_INTERVAL), 120, 64, Duration.ofSeconds(10), Duration.ofSeconds(2),
                settings.get(ServeSettings.CONTAINERS_REDIAGNOSE_INTERVAL), Duration.ofSeconds(60),
                settings.find(ServeSettings.KMSG_PATH));
    }

    /** How {@code serve} collects with its default settings. */
    public static CollectionSettings defaults() {
        return of(ServeSettings.defaults());
    }

    public CollectionSettings withInterval(Duration value) {
        return new CollectionSettings(value, callDeadline, topProcesses, diagnosisInterval, memoryHistory,
                maxContainerDiagnoses, containerBudget, containerDeadline, rediagnoseInterval, maxReinitBackoff, kernelLog);
    }

    public CollectionSettings withCallDeadline(Duration value) {
        return new CollectionSettings(interval, value, topProcesses, diagnosisInterval, memoryHistory,
                maxContainerDiagnoses, containerBudget, containerDeadline, rediagnoseInterval, maxReinitBackoff, kernelLog);
    }

    public CollectionSettings withDiagnosisInterval(Duration value) {
        return new CollectionSettings(interval, callDeadline, topProcesses, value, memoryHistory,
                maxContainerDiagnoses, containerBudget, containerDeadline, rediagnoseInterval, maxReinitBackoff, kernelLog);
    }

    public CollectionSettings withMaxContainerDiagnoses(int value) {
        return new CollectionSettings(interval, callDeadline, topProcesses, diagnosisInterval, memoryHistory,
                value, containerBudget, containerDeadline, rediagnoseInterval, maxReinitBackoff, kernelLog);
    }

    public CollectionSettings withContainerDeadline(Duration value) {
        return new CollectionSettings(interval, callDeadline, topProcesses, diagnosisInterval, memoryHistory,
                maxContainerDiagnoses, containerBudget, value, rediagnoseInterval, maxReinitBackoff, kernelLog);
    }

    public CollectionSettings withKernelLog(Path file) {
        return new CollectionSettings(interval, callDeadline, topProcesses, diagnosisInterval, memoryHistory,
                maxContainerDiagnoses, containerBudget, containerDeadline, rediagnoseInterval, maxReinitBackoff,
                Optional.of(file));
    }
}
