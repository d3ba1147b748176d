package io.gpudoctor.nvml;

import com.sun.jna.Pointer;

/** A sample buffer NVML allocated, known by the {@link JnaNvml} it belongs to. */
final class JnaGpmSample extends GpmSample {

    private final JnaNvml owner;
    private final Pointer pointer;

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
        if (freed()) {
            throw new IllegalStateException("GPM sample used after nvmlGpmSampleFree");
        }
        return pointer;
    }

    /** True only the first time: the caller then frees the native buffer. */
    boolean release() {
        return markFreed();
    }
}
