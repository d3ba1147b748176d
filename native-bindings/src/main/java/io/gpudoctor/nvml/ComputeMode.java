package io.gpudoctor.nvml;

/** {@code nvmlComputeMode_t}. */
public enum ComputeMode {
    DEFAULT(0), EXCLUSIVE_THREAD(1), PROHIBITED(2), EXCLUSIVE_PROCESS(3), UNKNOWN(-1);

    private final int code;

    ComputeMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ComputeMode fromCode(int code) {
        for (ComputeMode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        return UNKNOWN;
    }
}
