package io.gpudoctor.cuda;

/** The integer CUDA versions of the driver API (12020) as people write them ("12.2"). */
public final class CudaVersion {

    private CudaVersion() {
    }

    /** 12020 → {@code "12.2"}, 11040 → {@code "11.4"}. */
    public static String format(int version) {
        return (version / 1000) + "." + ((version % 1000) / 10);
    }
}
