package io.gpudoctor.simulate;

import io.gpudoctor.nvml.NvmlReturn;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Something going wrong in the simulated driver: a call returning an error, answering late, or
 * never answering.
 *
 * @param call  a facade method name such as {@code memoryInfo} (see {@link NvmlCall}), or
 *              {@value #ANY_CALL} for every call
 * @param gpu   the GPU it strikes; empty for every GPU and for the calls about no GPU
 *              ({@code init}, {@code deviceCount}, ...), which a fault on one GPU never reaches
 * @param error for {@link Kind#ERROR}, what the call returns; {@code SUCCESS} otherwise
 * @param delay for {@link Kind#DELAY}, how long the call takes; zero otherwise
 */
public record SimulatedFault(String call, OptionalInt gpu, Kind kind, NvmlReturn error, Duration delay) {

    /** The {@link #call()} that matches every call. */
    public static final String ANY_CALL = "*";

    /** What the fault does to a call it matches. */
    public enum Kind {
        /** The call returns {@link SimulatedFault#error()}. */
        ERROR,
        /** The call answers after {@link SimulatedFault#delay()}. */
        DELAY,
        /** The call blocks, deaf to interrupts, until the fault is removed or hangs are released. */
        HANG
    }

    public SimulatedFault {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(delay, "delay");
        if (!call.equals(ANY_CALL) && NvmlCall.byMethodName(call).isEmpty()) {
            throw new IllegalArgumentException("unknown NVML call '" + call + "'; use " + ANY_CALL
                    + " or one of " + String.join(", ", NvmlCall.methodNames()));
        }
        if (gpu.isPresent() && gpu.getAsInt() < 0) {
            throw new IllegalArgumentException("negative GPU index " + gpu.getAsInt());
        }
        if ((kind == Kind.ERROR) == (error == NvmlReturn.SUCCESS)) {
            throw new IllegalArgumentException(kind == Kind.ERROR
                    ? "an error fault needs an error other than SUCCESS" : "only an error fault carries an error");
        }
        if ((kind == Kind.DELAY) == (delay.isZero() || delay.isNegative())) {
            throw new IllegalArgumentException(kind == Kind.DELAY
                    ? "a delay fault needs a positive delay" : "only a delay fault carries a delay");
        }
    }

    /** {@code call} on {@code gpu} returns {@code error}. */
    public static SimulatedFault error(String call, int gpu, NvmlReturn error) {
        return new SimulatedFault(call, OptionalInt.of(gpu), Kind.ERROR, error, Duration.ZERO);
    }

    /** {@code call} returns {@code error} on every GPU, and on calls about no GPU. */
    public static SimulatedFault errorEverywhere(String call, NvmlReturn error) {
        return new SimulatedFault(call, OptionalInt.empty(), Kind.ERROR, error, Duration.ZERO);
    }

    /** {@code call} on {@code gpu} answers after {@code delay}. */
    public static SimulatedFault delay(String call, int gpu, Duration delay) {
        return new SimulatedFault(call, OptionalInt.of(gpu), Kind.DELAY, NvmlReturn.SUCCESS, delay);
    }

    /** {@code call} on {@code gpu} never answers until released. */
    public static SimulatedFault hang(String call, int gpu) {
        return new SimulatedFault(call, OptionalInt.of(gpu), Kind.HANG, NvmlReturn.SUCCESS, Duration.ZERO);
    }

    /** Whether this fault strikes {@code target}, made about {@code targetGpu} (empty: about no GPU). */
    public boolean matches(NvmlCall target, OptionalInt targetGpu) {
        boolean callMatches = call.equals(ANY_CALL) || call.equals(target.methodName());
        boolean gpuMatches = gpu.isEmpty() || (targetGpu.isPresent() && targetGpu.getAsInt() == gpu.getAsInt());
        return callMatches && gpuMatches;
    }
}
