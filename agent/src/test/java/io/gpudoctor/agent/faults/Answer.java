package io.gpudoctor.agent.faults;

import java.time.Duration;
import java.util.Optional;

/** One HTTP answer of the daemon under fault, and how long it took. */
record Answer(int status, String body, Duration latency) {

    /**
     * The value of the first sample line that starts with {@code series}: a metric's name and a
     * space ({@code "gpu_doctor_nvml_up "}) or its name and the start of its labels.
     */
    Optional<String> sample(String series) {
        return body.lines().filter(l -> l.startsWith(series)).map(l -> l.substring(l.lastIndexOf(' ') + 1))
                .findFirst();
    }

    /** Whether the metrics say GPU {@code gpu}'s reading is a kept one: {@code gpu_doctor_gpu_reading_stale 1}. */
    boolean stale(int gpu) {
        return sample("gpu_doctor_gpu_reading_stale{gpu=\"" + gpu + "\"").filter("1"::equals).isPresent();
    }

    /** How many sample lines of the metric {@code name} the body holds. */
    long samples(String name) {
        return body.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " ")).count();
    }
}
