package io.gpudoctor.nvml;

/**
 * A GPM sample buffer ({@code nvmlGpmSample_t}) from {@link Nvml#gpmSampleAlloc()}: native memory
 * until {@link Nvml#gpmSampleFree(GpmSample)} frees it. Only the {@link Nvml} that allocated a
 * sample can fill, compare or free it.
 */
public interface GpmSample {

    /** Whether it was freed; a freed sample must not be filled or compared again. */
    boolean freed();
}
