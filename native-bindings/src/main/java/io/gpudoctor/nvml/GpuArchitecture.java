package io.gpudoctor.nvml;

/** {@code nvmlDeviceArchitecture_t}; codes this table does not know map to {@link #UNKNOWN}. */
public enum GpuArchitecture {
    KEPLER(2), MAXWELL(3), PASCAL(4), VOLTA(5), TURING(6), AMPERE(7), ADA(8), HOPPER(9), BLACKWELL(10),
    UNKNOWN(0xFFFFFFFF);

    private final int code;

    GpuArchitecture(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static GpuArchitecture fromCode(int code) {
        for (GpuArchitecture a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        return UNKNOWN;
    }
}
