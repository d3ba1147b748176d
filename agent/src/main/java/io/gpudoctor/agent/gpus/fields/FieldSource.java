package io.gpudoctor.agent.gpus.fields;

import io.gpudoctor.nvml.GpmMetric;
import io.gpudoctor.nvml.Nvml;
import java.util.OptionalDouble;

/** Where a {@link GpuField}'s value comes from in NVML. */
public sealed interface FieldSource {

    /** The NVML function that answers it, for errors and documentation. */
    String call();

    /** An {@code nvmlDeviceGetFieldValues} id about the whole GPU, asked in one batch with the others. */
    record FieldId(int id) implements FieldSource {
        @Override
        public String call() {
            return "nvmlDeviceGetFieldValues";
        }
    }

    /**
     * An {@code nvmlDeviceGetFieldValues} id asked once per NVLink (its scope), in one batch: one
     * sample per link (label {@code link}), or with {@code summed} one for the GPU, the links' sum,
     * where a series per link would cost the scrape more than it tells.
     */
    record LinkFieldId(int id, boolean summed) implements FieldSource {
        @Override
        public String call() {
            return "nvmlDeviceGetFieldValues";
        }
    }

    /** A call of its own per GPU; an empty answer is a value the GPU does not have. */
    record DeviceCall(String call, DeviceReader reader) implements FieldSource {
    }

    /** A call of its own per GPU and NVLink; label {@code link}. */
    record LinkCall(String call, LinkReader reader) implements FieldSource {
    }

    /**
     * A GPU Performance Monitoring metric (Hopper and newer), computed by {@code nvmlGpmMetricsGet}
     * from two samples of the GPU, one collection cycle apart: the first cycle has none.
     */
    record Gpm(GpmMetric metric) implements FieldSource {
        @Override
        public String call() {
            return "nvmlGpmMetricsGet";
        }
    }

    /** Reads one value of one GPU, in NVML's unit. */
    @FunctionalInterface
    interface DeviceReader {
        OptionalDouble read(Nvml nvml, int gpu);
    }

    /** Reads one value of one NVLink of one GPU, in NVML's unit. */
    @FunctionalInterface
    interface LinkReader {
        OptionalDouble read(Nvml nvml, int gpu, int link);
    }
}
