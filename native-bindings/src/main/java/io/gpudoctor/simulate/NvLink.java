package io.gpudoctor.simulate;

/**
 * One NVLink of a simulated GPU: whether it is active, and the data it carried since the driver
 * loaded in KiB, as NVML's throughput fields count it.
 */
public record NvLink(boolean active, long txKibibytes, long rxKibibytes) {

    /** An active link that carried nothing yet. */
    public static final NvLink UP = new NvLink(true, 0, 0);
    /** A link that is down. */
    public static final NvLink DOWN = new NvLink(false, 0, 0);

    public NvLink {
        if (txKibibytes < 0 || rxKibibytes < 0) {
            throw new IllegalArgumentException("negative NVLink throughput in " + this);
        }
    }
}
