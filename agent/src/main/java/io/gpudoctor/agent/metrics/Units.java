package io.gpudoctor.agent.metrics;

/**
 * The base units the metrics are in (Prometheus conventions), as Micrometer's naming appends them
 * to a metric's name: {@code nvidia.gpu.memory.used} in {@link #BYTES} is
 * {@code nvidia_gpu_memory_used_bytes}.
 */
final class Units {

    static final String NONE = "";
    static final String BYTES = "bytes";
    static final String BYTES_PER_SECOND = "bytes_per_second";
    static final String SECONDS = "seconds";
    static final String RATIO = "ratio";
    static final String CELSIUS = "celsius";
    static final String WATTS = "watts";
    static final String JOULES = "joules";
    static final String HERTZ = "hertz";

    private Units() {
    }
}
