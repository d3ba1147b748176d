package io.gpudoctor.simulate;

import io.gpudoctor.nvml.GpmMetric;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One MIG device (a compute instance of a GPU instance) of a simulated MIG-enabled GPU. Compute
 * instances of one GPU instance share its memory and activity, so entries with the same
 * {@code gpuInstanceId} must agree on them.
 *
 * @param profile          the GPU instance profile, {@code 3g.40gb}: compute slices, then memory
 * @param memoryTotalBytes the GPU instance's memory
 * @param memoryUsedBytes  of it, in use
 * @param activityPercent  how busy the GPU instance's engines are (GPM graphics activity)
 */
public record SimulatedMigDevice(int gpuInstanceId, int computeInstanceId, String profile, long memoryTotalBytes,
                                 long memoryUsedBytes, int activityPercent) {

    private static final Pattern PROFILE = Pattern.compile("([1-7])g\\.(\\d{1,3})gb(\\+me)?");
    /** Profiles name memory in (decimal) gigabytes, a little under what the slices hold. */
    private static final long GB = 1_000_000_000L;

    public SimulatedMigDevice {
        String what = "MIG device " + gpuInstanceId + "/" + computeInstanceId;
        check(gpuInstanceId >= 0 && computeInstanceId >= 0, what + ": negative instance id");
        check(profile != null && PROFILE.matcher(profile).matches(),
                what + ": profile must look like 3g.40gb (slices g. memory gb), not " + profile);
        check(memoryTotalBytes > 0, what + ": memory total must be positive");
        check(memoryUsedBytes >= 0 && memoryUsedBytes <= memoryTotalBytes,
                what + ": memory used must be between 0 and the instance's " + memoryTotalBytes + " bytes");
        check(activityPercent >= 0 && activityPercent <= 100, what + ": activity must be 0-100 percent");
    }

    /** A MIG device with the memory its profile names ({@code 3g.40gb}: 40 GB). */
    public static SimulatedMigDevice of(int gpuInstanceId, int computeInstanceId, String profile, long memoryUsedBytes,
                                        int activityPercent) {
        Matcher m = PROFILE.matcher(profile == null ? "" : profile);
        long total = m.matches() ? Long.parseLong(m.group(2)) * GB : 1;
        return new SimulatedMigDevice(gpuInstanceId, computeInstanceId, profile, total, memoryUsedBytes,
                activityPercent);
    }

    /** The compute slices (of seven) its GPU instance holds. */
    public int slices() {
        Matcher m = PROFILE.matcher(profile);
        if (!m.matches()) {
            throw new IllegalStateException("validated profile no longer parses: " + profile);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Its GPU instance's GPM engine metrics, in NVML's units. */
    public Map<GpmMetric, Double> gpmMetrics() {
        return SimulatedGpu.engineActivity(activityPercent, activityPercent * SimulatedGpu.MIG_DRAM_SHARE / 100);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
