package io.gpudoctor.agent.collect;

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
        positive(interval, "interval");
        positive(callDeadline, "callDeadline");
        positive(diagnosisInterval, "diagnosisInterval");
        positive(containerBudget, "containerBudget");
        positive(containerDeadline, "containerDeadline");
        positive(rediagnoseInterval, "rediagnoseInterval");
        positive(maxReinitBackoff, "maxReinitBackoff");
        Objects.requireNonNull(kernelLog, "kernelLog");
        if (topProcesses < 1 || memoryHistory < 1 || maxContainerDiagnoses < 0) {
            throw new IllegalArgumentException("topProcesses and memoryHistory must be at least 1,"
                    + " maxContainerDiagnoses at least 0");
        }
    }

    /**
     * Every 5 s, 2 s per call, 32 processes per GPU, a host diagnosis every minute, 10 minutes of
     * chart, each watched container diagnosed again every 5 minutes within 2 s.
     */
    public static CollectionSettings defaults() {
        return new CollectionSettings(Duration.ofSeconds(5), Duration.ofSeconds(2), 32, Duration.ofSeconds(60), 120,
                64, Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(60),
                Optional.empty());
    }

    public CollectionSettings withInterval(Duration value) {
        return new CollectionSettings(value, callDeadline, topProcesses, diagnosisInterval, memoryHistory,
                maxContainerDiagnoses, containerBudget, containerDeadline, rediagnoseInterval, maxReinitBackoff, kernelLog);
    }

    public CollectionSettings withCallDeadline(Duration value) {
        return new CollectionSettings(interval, value, topProcesses, diagnosisInterval, memoryHistory,
                maxContainerDiagnoses, containerBudget, containerDeadline, rediagnoseInterval, maxReinitBackoff, kernelLog);
    }

    public CollectionSettings withTopProcesses(int value) {
        return new CollectionSettings(interval, callDeadline, value, diagnosisInterval, memoryHistory,
                maxContainerDiagnoses, containerBudget, containerDeadline, rediagnoseInterval, maxReinitBackoff, kernelLog);
    }

    public CollectionSettings withDiagnosisInterval(Duration value) {
        return new CollectionSettings(interval, callDeadline, topProcesses, value, memoryHistory,
                maxContainerDiagnoses, containerBudget, containerDeadline, rediagnoseInterval, maxReinitBackoff, kernelLog);
    }

    public CollectionSettings withMemoryHistory(int value) {
        return new CollectionSettings(interval, callDeadline, topProcesses, diagnosisInterval, value,
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

    public CollectionSettings withRediagnoseInterval(Duration value) {
        return new CollectionSettings(interval, callDeadline, topProcesses, diagnosisInterval, memoryHistory,
                maxContainerDiagnoses, containerBudget, containerDeadline, value, maxReinitBackoff, kernelLog);
    }

    public CollectionSettings withKernelLog(Path file) {
        return new CollectionSettings(interval, callDeadline, topProcesses, diagnosisInterval, memoryHistory,
                maxContainerDiagnoses, containerBudget, containerDeadline, rediagnoseInterval, maxReinitBackoff,
                Optional.of(file));
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
