package io.gpudoctor.agent.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** Which gpu-doctor is running: {@code gpu_doctor_build_info{version}}, value 1. */
final class BuildInfoMetrics implements MeterBinder {

    private final String version;

    /** @param version the running build's version, e.g. {@code 0.1.0} */
    public BuildInfoMetrics(String version) {
        this.version = version;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gpu.doctor.build.info", () -> 1)
                .tag("version", version)
                .description("The running gpu-doctor's version, in a label; value 1.")
                .register(registry);
    }
}
