package io.gpudoctor.nvml;

/** {@code nvmlEccCounterType_t}: since the last driver load (volatile) or over the GPU's life (aggregate). */
public enum EccCounterType {
    VOLATILE(0), AGGREGATE(1);

    private final int code;

    EccCounterType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
