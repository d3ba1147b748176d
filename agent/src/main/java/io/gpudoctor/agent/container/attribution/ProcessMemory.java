package io.gpudoctor.agent.container.attribution;

import java.util.Optional;

/**
 * One process's memory on one GPU, with whose it is: a row of
 * {@code nvidia_gpu_process_memory_used_bytes}.
 *
 * @param process   the process's {@code comm}; empty text when it could not be read
 * @param container empty for a host process
 */
public record ProcessMemory(int gpu, String uuid, long pid, String process, Optional<WorkloadContainer> container,
                            Optional<Long> usedMemoryBytes) {
}
