package io.gpudoctor.nvml;

import com.sun.jna.Pointer;

/** A sample buffer NVML allocated, known by the {@link JnaNvml} it belongs to. */
final class JnaGpmSample implements GpmSample {

    private final JnaNvml owner;
    private final Pointer pointer;
    private boolean freed;

    JnaGpmSample(JnaNvml owner, Pointer pointer) {
        this.owner = owner;
        this.pointer = pointer;
    }

    JnaNvml owner() {
        return owner;
    }

    Pointer pointer() {
        return pointer;
    }

    /** The buffer, for a call that reads or fills it; a freed one would be a use after free. */
    Pointer live() {
        if (freed) {
            throw new IllegalStateException("GPM sample used after nvmlGpmSampleFree");
        }
        return pointer;
    }

    /** Marks it freed; true only the first time, when the caller is to free the native buffer. */
    boolean markFreed() {
        if (freed) {
            return false;
        }
        freed = true;
        return true;
    }

    @Override
    public boolean freed() {
        return freed;
    }
}
