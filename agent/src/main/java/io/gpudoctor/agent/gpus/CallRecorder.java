package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.nativecall.BoundedCaller;
import io.gpudoctor.agent.nativecall.CallOutcome;
import io.gpudoctor.cuda.CudaException;
import io.gpudoctor.nvml.NvmlException;
import io.gpudoctor.nvml.NvmlReturn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/**
 * Makes bounded native calls for one subject (the system, or one GPU) and keeps a list of the
 * calls that failed, so that one failing field never hides the others.
 */
final class CallRecorder {

    private final BoundedCaller caller;
    private final List<CallError> errors = new ArrayList<>();
    private boolean gpuLost;

    CallRecorder(BoundedCaller caller) {
        this.caller = caller;
    }

    /**
     * The call's value, or empty when it failed. Once a call says the GPU is lost, no further call
     * is made for this subject: on a real driver each would fail the same way, some only slowly.
     */
    <T> Optional<T> value(String call, Callable<T> action) {
        if (gpuLost) {
            return Optional.empty();
        }
        CallOutcome<T> outcome = caller.call(call, action);
        if (outcome instanceof CallOutcome.Done<T> done) {
            return Optional.ofNullable(done.value());
        }
        CallError error = toError(outcome);
        gpuLost = error.error().equals(NvmlReturn.ERROR_GPU_IS_LOST.cName());
        errors.add(error);
        return Optional.empty();
    }

    <T> Optional<T> optional(String call, Callable<Optional<T>> action) {
        return value(call, action).flatMap(o -> o);
    }

    Optional<Integer> optionalInt(String call, Callable<OptionalInt> action) {
        return value(call, action).flatMap(o -> o.isPresent() ? Optional.of(o.getAsInt()) : Optional.empty());
    }

    Optional<Long> optionalLong(String call, Callable<OptionalLong> action) {
        return value(call, action).flatMap(o -> o.isPresent() ? Optional.of(o.getAsLong()) : Optional.empty());
    }

    List<CallError> errors() {
        return List.copyOf(errors);
    }

    private static CallError toError(CallOutcome<?> outcome) {
        if (outcome instanceof CallOutcome.Failed<?> f) {
            String message = f.error().getMessage();
            return new CallError(f.call(), errorName(outcome), message == null ? "" : message);
        }
        CallOutcome.Hung<?> h = (CallOutcome.Hung<?>) outcome;
        return new CallError(h.call(), "HUNG", h.reason());
    }

    /** The error name a failed outcome stands for: the NVML or CUDA code name, or HUNG. */
    static String errorName(CallOutcome<?> outcome) {
        if (outcome instanceof CallOutcome.Failed<?> failed) {
            Throwable e = failed.error();
            if (e instanceof NvmlException n) {
                return n.result().cName();
            }
            if (e instanceof CudaException c) {
                return c.result().name();
            }
            return e.getClass().getSimpleName();
        }
        return outcome instanceof CallOutcome.Hung<?> ? "HUNG" : "OK";
    }
}
