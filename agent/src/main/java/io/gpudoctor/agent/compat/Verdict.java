package io.gpudoctor.agent.compat;

/** Which step of the decision order in cuda-compat.md lets the driver run the CUDA version, if any. */
public enum Verdict {
    /** The driver meets the toolkit release's own minimum (Table 3). */
    COMPATIBLE,
    /** Below that, but at or above the CUDA major family's minimum: runs, PTX JIT and newest features at risk. */
    COMPATIBLE_MINOR_VERSION,
    /** Only through the cuda-compat package, on hardware that supports forward compatibility. */
    FORWARD_COMPAT,
    /** None of the above: cudaErrorInsufficientDriver. */
    INCOMPATIBLE
}
