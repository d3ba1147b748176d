package io.gpudoctor.agent.nativecall;

/** What became of one bounded native call. */
public sealed interface CallOutcome<T> {

    /** The call returned a value. */
    record Done<T>(T value) implements CallOutcome<T> {
    }

    /** The call threw; {@code error} is what it threw (an NvmlException, a CudaException, ...). */
    record Failed<T>(String call, Throwable error) implements CallOutcome<T> {
    }

    /** The call did not return within its deadline, or was skipped because an earlier one hung. */
    record Hung<T>(String call, String reason) implements CallOutcome<T> {
    }
}
