package io.gpudoctor.nvml;

import com.sun.jna.ptr.IntByReference;
import io.gpudoctor.nvml.NvmlLibrary.NvmlDevice;
import io.gpudoctor.nvml.NvmlLibrary.nvmlProcessUtilizationSample_t;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code nvmlDeviceGetProcessUtilization}. Like the process lists, NVML answers a null array
 * with {@code NVML_ERROR_INSUFFICIENT_SIZE} and the count to allocate, and the count can grow
 * between the two calls as processes start, hence a bounded number of tries. {@code NOT_FOUND} means
 * no process used the GPU since the given time and {@code NOT_SUPPORTED} (MIG mode, older GPUs) that
 * the GPU cannot tell: both are no samples, not an error.
 */
final class ProcessUtilizationSamples {

    static final String CALL = "nvmlDeviceGetProcessUtilization";

    private final NvmlLibrary lib;
    private final NvmlErrors errors;

    ProcessUtilizationSamples(NvmlLibrary lib, NvmlErrors errors) {
        this.lib = lib;
        this.errors = errors;
    }

    List<ProcessUtilizationSample> read(NvmlDevice device, long lastSeenTimestampMicros) {
        int capacity = 0;
        for (int attempt = 0; attempt < RunningProcesses.MAX_ATTEMPTS; attempt++) {
            IntByReference count = new IntByReference(capacity);
            nvmlProcessUtilizationSample_t[] samples = capacity == 0
                    ? null : (nvmlProcessUtilizationSample_t[]) new nvmlProcessUtilizationSample_t().toArray(capacity);
            int result = lib.nvmlDeviceGetProcessUtilization(device, samples, count, lastSeenTimestampMicros);
            if (result == NvmlLibrary.NVML_ERROR_INSUFFICIENT_SIZE) {
                capacity = count.getValue();
                continue;
            }
            if (result == NvmlLibrary.NVML_ERROR_NOT_FOUND || !errors.supported(CALL, result)) {
                return List.of();
            }
            return toSamples(samples, count.getValue());
        }
        throw errors.exception(CALL, NvmlLibrary.NVML_ERROR_INSUFFICIENT_SIZE);
    }

    private static List<ProcessUtilizationSample> toSamples(nvmlProcessUtilizationSample_t[] samples, int count) {
        List<ProcessUtilizationSample> read = new ArrayList<>(count);
        for (int i = 0; samples != null && i < Math.min(count, samples.length); i++) {
            nvmlProcessUtilizationSample_t s = samples[i];
            read.add(new ProcessUtilizationSample(Integer.toUnsignedLong(s.pid), s.timeStamp, s.smUtil, s.memUtil,
                    s.encUtil, s.decUtil));
        }
        return List.copyOf(read);
    }
}
