package io.gpudoctor.nvml;

import java.time.Duration;
import java.util.Optional;

/** Xid events of every GPU that supports them; closing it frees the NVML event set. */
public interface XidEventStream extends AutoCloseable {

    /**
     * Waits up to {@code timeout} for the next Xid event; empty when none came.
     *
     * @throws NvmlException when the wait itself fails (e.g. {@code NVML_ERROR_GPU_IS_LOST})
     */
    Optional<XidEvent> next(Duration timeout);

    @Override
    void close();
}
