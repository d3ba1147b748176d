package io.gpudoctor.simulate;

/** NVLink error counters of a simulated GPU, totals over all its links and lanes, as NVML's fields count them. */
public record NvLinkErrors(long crcFlit, long crcData, long replay, long recovery) {

    public static final NvLinkErrors NONE = new NvLinkErrors(0, 0, 0, 0);

    public NvLinkErrors {
        if (crcFlit < 0 || crcData < 0 || replay < 0 || recovery < 0) {
            throw new IllegalArgumentException("negative NVLink error count in " + this);
        }
    }
}
