package io.gpudoctor.simulate;

import io.gpudoctor.nvml.NvmlReturn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.LockSupport;

/**
 * The faults in force on a simulated driver, and what they do to a call. Tests change them from
 * one thread while the daemon's sampler calls from another, so every change is made under one
 * monitor, which is also what hung calls wait on.
 */
final class FaultInjector {

    private final Object lock = new Object();
    private final List<SimulatedFault> faults = new ArrayList<>();

    FaultInjector(List<SimulatedFault> initial) {
        faults.addAll(initial);
    }

    void inject(SimulatedFault fault) {
        synchronized (lock) {
            faults.add(Objects.requireNonNull(fault));
        }
    }

    boolean remove(SimulatedFault fault) {
        synchronized (lock) {
            boolean removed = faults.remove(fault);
            lock.notifyAll();
            return removed;
        }
    }

    void clear() {
        synchronized (lock) {
            faults.clear();
            lock.notifyAll();
        }
    }

    void releaseHangs() {
        synchronized (lock) {
            faults.removeIf(f -> f.kind() == SimulatedFault.Kind.HANG);
            lock.notifyAll();
        }
    }

    List<SimulatedFault> faults() {
        synchronized (lock) {
            return List.copyOf(faults);
        }
    }

    /**
     * Lets every fault matching the call act, in the order they were added: delays are served,
     * hangs block, and the first error is returned for the caller to report.
     */
    Optional<NvmlReturn> apply(NvmlCall call, OptionalInt gpu) {
        for (SimulatedFault fault : faults()) {
            if (!fault.matches(call, gpu)) {
                continue;
            }
            switch (fault.kind()) {
                case DELAY -> sleepUninterruptibly(fault.delay().toNanos());
                case HANG -> hang(fault);
                case ERROR -> {
                    return Optional.of(fault.error());
                }
            }
        }
        return Optional.empty();
    }

    /** A stuck driver call ignores interrupts; the interrupt is kept for the caller to see afterwards. */
    private void hang(SimulatedFault fault) {
        boolean interrupted = false;
        synchronized (lock) {
            while (faults.contains(fault)) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepUninterruptibly(long nanos) {
        long deadline = System.nanoTime() + nanos;
        boolean interrupted = false;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
