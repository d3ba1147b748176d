package io.gpudoctor.nvml;

/** The PCIe link questions NVML answers with one unsigned int each. */
public enum PcieLinkQuery {
    CURRENT_GENERATION("nvmlDeviceGetCurrPcieLinkGeneration"),
    MAX_GENERATION("nvmlDeviceGetMaxPcieLinkGeneration"),
    CURRENT_WIDTH("nvmlDeviceGetCurrPcieLinkWidth"),
    MAX_WIDTH("nvmlDeviceGetMaxPcieLinkWidth");

    private final String call;

    PcieLinkQuery(String call) {
        this.call = call;
    }

    /** The NVML function that answers it. */
    public String call() {
        return call;
    }
}
