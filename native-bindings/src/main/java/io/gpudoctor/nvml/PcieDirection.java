package io.gpudoctor.nvml;

/** {@code nvmlPcieUtilCounter_t}: bytes sent by the GPU (TX) or received by it (RX). */
public enum PcieDirection {
    TX(0), RX(1);

    private final int code;

    PcieDirection(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
