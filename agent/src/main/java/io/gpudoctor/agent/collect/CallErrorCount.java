package io.gpudoctor.agent.collect;

/**
 * How often one driver call failed with one error since the daemon started.
 *
 * @param call  the facade call ({@code memoryInfo})
 * @param error the NVML or CUDA error name, or {@code HUNG}
 */
public record CallErrorCount(String call, String error, long count) {
}
