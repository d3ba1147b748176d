package io.gpudoctor.nvml;

/**
 * {@code nvmlPerfPolicyType_t}: what held the GPU's clocks below the application (or base) clocks,
 * as {@code nvmlDeviceGetViolationStatus} accumulates the time.
 */
public enum PerfPolicy {
    POWER(0), THERMAL(1), SYNC_BOOST(2), BOARD_LIMIT(3), LOW_UTILIZATION(4), RELIABILITY(5),
    TOTAL_APP_CLOCKS(10), TOTAL_BASE_CLOCKS(11);

    private final int code;

    PerfPolicy(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
