package io.gpudoctor.nvml;

/** The video engines whose utilization NVML reports. */
public enum Codec {
    ENCODER("nvmlDeviceGetEncoderUtilization"),
    DECODER("nvmlDeviceGetDecoderUtilization");

    private final String call;

    Codec(String call) {
        this.call = call;
    }

    /** The NVML function that answers it. */
    public String call() {
        return call;
    }
}
