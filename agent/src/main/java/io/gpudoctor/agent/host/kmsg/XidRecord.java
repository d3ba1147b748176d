package io.gpudoctor.agent.host.kmsg;

/**
 * One {@code NVRM: Xid (PCI:0000:a1:00): 79, pid=..., GPU has fallen off the bus.} line.
 *
 * @param pci     the GPU's PCI address as the driver printed it ({@code 0000:a1:00})
 * @param message what follows the Xid number
 */
public record XidRecord(String pci, int xid, String message) {
}
