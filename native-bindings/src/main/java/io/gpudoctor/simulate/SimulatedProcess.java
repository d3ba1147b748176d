package io.gpudoctor.simulate;

import io.gpudoctor.nvml.ProcessKind;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A process holding a context on a simulated GPU.
 *
 * @param name the command name; NVML's process lists carry none, so it is only there for a
 *             scenario's host root to match (e.g. {@code /proc/PID/comm})
 * @param gpuInstanceId on a MIG GPU, the GPU instance it runs in (its first compute instance)
 */
public record SimulatedProcess(long pid, long usedMemoryBytes, ProcessKind kind, Optional<String> name,
                               OptionalInt gpuInstanceId) {

    public SimulatedProcess {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gpuInstanceId, "gpuInstanceId");
        if (pid <= 0) {
            throw new IllegalArgumentException("process pid must be positive, not " + pid);
        }
        if (usedMemoryBytes < 0) {
            throw new IllegalArgumentException("process " + pid + " uses negative memory " + usedMemoryBytes);
        }
    }

    /** A process on a whole GPU. */
    public SimulatedProcess(long pid, long usedMemoryBytes, ProcessKind kind, Optional<String> name) {
        this(pid, usedMemoryBytes, kind, name, OptionalInt.empty());
    }

    /** A CUDA compute process without a name. */
    public static SimulatedProcess compute(long pid, long usedMemoryBytes) {
        return new SimulatedProcess(pid, usedMemoryBytes, ProcessKind.COMPUTE, Optional.empty());
    }
}
