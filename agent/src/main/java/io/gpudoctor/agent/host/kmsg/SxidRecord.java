package io.gpudoctor.agent.host.kmsg;

/**
 * One NVSwitch error line, {@code nvidia-nvswitch3: SXid (PCI:0000:c7:00.0): 20034, Fatal, Link 48
 * LTSSM Fault Up}. The driver follows it with lines of the same SXid carrying its severity number
 * and data words; only the line that says Fatal or Non-fatal is kept.
 *
 * @param nvswitch the switch's device name, {@code nvidia-nvswitch3}
 * @param pci      the switch's PCI address as printed
 * @param fatal    whether the driver called it fatal (the fabric or the GPUs on it need a reset)
 * @param message  what follows the severity word
 */
public record SxidRecord(String nvswitch, String pci, int sxid, boolean fatal, String message) {
}
