package io.gpudoctor.agent.host.kmsg;

import java.util.Optional;

/**
 * A kernel log message about one GPU that is not an Xid line (a GPU that fell off the bus, an
 * adapter that failed to initialise).
 *
 * @param pci the PCI address printed with it, when the driver printed one
 */
public record GpuLogEvent(Optional<String> pci, String message) {
}
