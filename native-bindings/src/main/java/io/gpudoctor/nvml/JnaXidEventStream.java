package io.gpudoctor.nvml;

import com.sun.jna.ptr.IntByReference;
import io.gpudoctor.nvml.NvmlLibrary.NvmlEventSet;
import io.gpudoctor.nvml.NvmlLibrary.nvmlEventData_t;
import java.time.Duration;
import java.util.Optional;

/** An NVML event set registered for Xid events; see {@link JnaNvml#xidEvents()}. Not thread-safe. */
final class JnaXidEventStream implements XidEventStream {

    /** nvmlEventSetWait_v2 takes an unsigned int of milliseconds; longer waits are cut to this. */
    private static final Duration LONGEST_WAIT = Duration.ofMillis(Integer.MAX_VALUE);

    private final NvmlLibrary lib;
    private final NvmlErrors errors;
    private final NvmlEventSet set;
    private boolean closed;

    JnaXidEventStream(NvmlLibrary lib, NvmlErrors errors, NvmlEventSet set) {
        this.lib = lib;
        this.errors = errors;
        this.set = set;
    }

    @Override
    public Optional<XidEvent> next(Duration timeout) {
        if (closed) {
            throw new IllegalStateException("Xid event stream is closed");
        }
        long deadline = System.nanoTime() + clamp(timeout).toNanos();
        do {
            long remainingMillis = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            nvmlEventData_t data = new nvmlEventData_t();
            int result = lib.nvmlEventSetWait_v2(set, data, (int) remainingMillis);
            if (result == NvmlLibrary.NVML_ERROR_TIMEOUT) {
                return Optional.empty();
            }
            errors.check("nvmlEventSetWait_v2", result);
            // Only Xid events were registered; anything else is skipped rather than reported as one.
            if ((data.eventType & NvmlLibrary.NVML_EVENT_TYPE_XID_CRITICAL_ERROR) != 0) {
                IntByReference index = new IntByReference();
                errors.check("nvmlDeviceGetIndex", lib.nvmlDeviceGetIndex(data.device, index));
                return Optional.of(new XidEvent(index.getValue(), data.eventData));
            }
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    private static Duration clamp(Duration timeout) {
        if (timeout.isNegative()) {
            return Duration.ZERO;
        }
        return timeout.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : timeout;
    }

    /**
     * Frees the event set. A failure is not reported: close runs on the way out, often after
     * nvmlShutdown, and nothing can be done about a set that NVML refuses to free.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lib.nvmlEventSetFree(set);
        }
    }
}
