package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.gpus.DriverQueries;
import io.gpudoctor.nvml.Nvml;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NVML initialised once and kept across cycles, restarted ({@code nvmlShutdown}, then
 * {@code nvmlInit_v2}) when it stops serving: after init failed (the driver was not loaded yet),
 * after a GPU was lost or a system call failed (a driver reload leaves the old session useless),
 * and after a stuck call returned. Restarts back off, doubling from one collection interval up to
 * a bound, so a node whose driver stays down is not hammered; a cycle that goes well resets it.
 */
final class NvmlSession {

    /** The status before the first attempt to start NVML. */
    static final String NOT_STARTED = "NOT_STARTED";

    private static final Logger LOG = LoggerFactory.getLogger(NvmlSession.class);
    private static final int MAX_DOUBLINGS = 20;

    private final Nvml nvml;
    private final NativeLane lane;
    private final Duration interval;
    private final Duration maxBackoff;
    private boolean initialised;
    private boolean restartPending;
    private String status = NOT_STARTED;
    private int failures;
    private Instant nextAttempt = Instant.MIN;

    NvmlSession(Nvml nvml, NativeLane lane, Duration interval, Duration maxBackoff) {
        this.nvml = nvml;
        this.lane = lane;
        this.interval = interval;
        this.maxBackoff = maxBackoff;
    }

    /**
     * Starts or restarts NVML when that is due; keeps the session in use while a restart waits.
     *
     * @return whether NVML is initialised, so that calls can be made
     */
    boolean ensureStarted(Instant now) {
        if (initialised && !restartPending) {
            return true;
        }
        if (now.isBefore(nextAttempt) || lane.stuckCall().isPresent()) {
            return initialised;
        }
        if (initialised) {
            // Balances the earlier init: NVML counts them, and a session left open would keep the old one alive.
            DriverQueries.shutdown(nvml, lane.caller());
            initialised = false;
        }
        String previous = status;
        status = DriverQueries.init(nvml, lane.caller());
        if (status.equals(DriverQueries.NVML_SUCCESS)) {
            initialised = true;
            restartPending = false;
            if (previous.equals(DriverQueries.NVML_SUCCESS)) {
                LOG.debug("NVML restarted");
            } else {
                LOG.info("NVML started{}", previous.equals(NOT_STARTED) ? "" : " (it was " + previous + ")");
            }
            return true;
        }
        backOff(now);
        if (!status.equals(previous)) {
            LOG.warn("NVML cannot start: {}; next attempt at {}", status, nextAttempt);
        }
        return false;
    }

    /** Restarts NVML at the next due cycle: what it answered says the session no longer serves. */
    void restart(Instant now, String why) {
        if (restartPending) {
            return;
        }
        restartPending = true;
        backOff(now);
        if (failures == 1) {
            LOG.warn("NVML to be restarted at {}: {}", nextAttempt, why);
        } else {
            LOG.debug("NVML to be restarted at {}: {}", nextAttempt, why);
        }
    }

    /**
     * Restarts NVML at the very next cycle: a stuck call returned, and the driver is answering
     * again. An init that returned normally initialised NVML although nobody took its answer; the
     * restart's shutdown balances it, since NVML counts inits and one left over would keep every
     * later restart from reaching the driver.
     */
    void restartNow(Instant now, NativeLane.ReturnedCall returned) {
        if (returned.succeeded() && returned.name().equals(DriverQueries.INIT_CALL)) {
            initialised = true;
        }
        restartPending = true;
        nextAttempt = now;
    }

    /** A cycle went well: the next trouble restarts NVML after one interval again. */
    void healthy() {
        failures = 0;
    }

    /** {@code NVML_SUCCESS}, the last init's error name, {@code HUNG}, or {@link #NOT_STARTED}. */
    String status() {
        return status;
    }

    /** Whether NVML is initialised and serving. */
    boolean up() {
        return initialised && lane.stuckCall().isEmpty();
    }

    private void backOff(Instant now) {
        failures = Math.min(failures + 1, MAX_DOUBLINGS);
        Duration wait = interval.multipliedBy(1L << (failures - 1));
        nextAttempt = now.plus(wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait);
    }
}
