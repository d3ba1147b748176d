package io.gpudoctor.nvml;

/**
 * PCI identity of a GPU from {@code nvmlDeviceGetPciInfo_v3}.
 *
 * @param busId          NVML's bus id, e.g. {@code 00000000:17:00.0}
 * @param pciDeviceId    combined device and vendor id, e.g. {@code 0x233010DE} (unsigned)
 * @param pciSubSystemId combined subsystem device and vendor id (unsigned)
 */
public record PciInfo(String busId, int domain, int bus, int device, long pciDeviceId, long pciSubSystemId) {

    /** The device id as {@code lspci -n} prints it, e.g. {@code 10de:2330}. */
    public String vendorDeviceId() {
        return String.format("%04x:%04x", pciDeviceId & 0xFFFF, (pciDeviceId >>> 16) & 0xFFFF);
    }
}
