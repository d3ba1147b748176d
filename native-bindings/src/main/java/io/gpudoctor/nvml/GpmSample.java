package io.gpudoctor.nvml;

/**
 * A GPM sample buffer ({@code nvmlGpmSample_t}) from {@link Nvml#gpmSampleAlloc()}: native memory
 * until {@link Nvml#gpmSampleFree(GpmSample)} frees it. Only the {@link Nvml} that allocated a
 * sample can fill, compare or free it, and it frees it once however often it is asked.
 */
public abstract class GpmSample {

    private boolean freed;

    /** Whether it was freed; a freed sample must not be filled or compared again. */
    public final boolean freed() {
        return freed;
    }

    /** Marks it freed; true only the first time, when the caller is to free what it holds. */
    protected final boolean markFreed() {
        if (freed) {
            return false;
        }
        freed = true;
        return true;
    }
}
