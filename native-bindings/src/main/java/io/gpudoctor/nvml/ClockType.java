package io.gpudoctor.nvml;

/** {@code nvmlClockType_t}. */
public enum ClockType {
    GRAPHICS(0), SM(1), MEMORY(2), VIDEO(3);

    private final int code;

    ClockType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
