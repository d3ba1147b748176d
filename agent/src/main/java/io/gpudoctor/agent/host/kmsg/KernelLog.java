package io.gpudoctor.agent.host.kmsg;

import java.util.Optional;

/**
 * What the kernel log says about the NVIDIA driver and its GPUs since boot (as far back as the
 * ring buffer reaches).
 *
 * @param source  what was read: {@code /dev/kmsg} or the file given with {@code --kmsg.path}
 * @param problem why nothing could be read; empty when the log was read
 */
public record KernelLog(String source, Optional<String> problem, KernelLogEvents events) {

    static KernelLog unreadable(String source, String problem) {
        return new KernelLog(source, Optional.of(problem), KernelLogEvents.NONE);
    }
}
