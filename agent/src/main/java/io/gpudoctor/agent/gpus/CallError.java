package io.gpudoctor.agent.gpus;

/**
 * A driver call that gave no answer.
 *
 * @param call    the facade call, e.g. {@code memoryInfo}
 * @param error   the NVML or CUDA code name ({@code NVML_ERROR_GPU_IS_LOST}), or {@code HUNG}
 * @param message what the driver or the deadline said
 */
public record CallError(String call, String error, String message) {
}
