package io.gpudoctor.agent.host.driver;

import java.util.Optional;

/**
 * The number of GPUs the operator says the node has ({@code gpus.expected}): facts for
 * {@link GpuCountCheck}. Only the operator knows it when a GPU is gone from the PCI bus entirely
 * (fallen off the bus after Xid 79 and not enumerated again after the reboot), which the bus itself
 * cannot show.
 *
 * @param count  GPUs expected, at least 1
 * @param source where the number was given, for the finding: {@code --gpus.expected=8 (serve flag)}
 */
public record ExpectedGpuCount(int count, String source) {

    public ExpectedGpuCount {
        if (count < 1) {
            throw new IllegalArgumentException("an expected GPU count is at least 1, not " + count);
        }
    }

    /** The expectation a setting's value gives: none for 0, which leaves the PCI bus to say. */
    public static Optional<ExpectedGpuCount> of(int count, String source) {
        return count == 0 ? Optional.empty() : Optional.of(new ExpectedGpuCount(count, source));
    }
}
