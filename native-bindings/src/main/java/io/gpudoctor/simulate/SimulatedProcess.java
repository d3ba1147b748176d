package io.gpudoctor.simulate;

import io.gpudoctor.nvml.ProcessKind;
import java.util.Objects;
import java.util.Optional;

/**
 * A process holding a context on a simulated GPU.
 *
 * @param name the command name; NVML's process lists carry none, so it is only there for a
 *             scenario's host root to match (e.g. {@code /proc/PID/comm})
 */
public record SimulatedProcess(long pid, long usedMemoryBytes, ProcessKind kind, Optional<String> name) {

    public SimulatedProcess {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (pid <= 0) {
            throw new IllegalArgumentException("process pid must be positive, not " + pid);
        }
        if (usedMemoryBytes < 0) {
            throw new IllegalArgumentException("process " + pid + " uses negative memory " + usedMemoryBytes);
        }
    }

    /** A CUDA compute process without a name. */
    public static SimulatedProcess compute(long pid, long usedMemoryBytes) {
        return new SimulatedProcess(pid, usedMemoryBytes, ProcessKind.COMPUTE, Optional.empty());
    }
}
