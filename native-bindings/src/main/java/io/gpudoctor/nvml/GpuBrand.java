package io.gpudoctor.nvml;

/** {@code nvmlBrandType_t}; codes this table does not know map to {@link #UNKNOWN}. */
public enum GpuBrand {
    UNKNOWN(0), QUADRO(1), TESLA(2), NVS(3), GRID(4), GEFORCE(5), TITAN(6), NVIDIA_VAPPS(7),
    NVIDIA_VPC(8), NVIDIA_VCS(9), NVIDIA_VWS(10), NVIDIA_CLOUD_GAMING(11), QUADRO_RTX(12),
    NVIDIA_RTX(13), NVIDIA(14), GEFORCE_RTX(15), TITAN_RTX(16);

    private final int code;

    GpuBrand(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Consumer cards, where CUDA forward compatibility is not supported. */
    public boolean isGeForce() {
        return this == GEFORCE || this == GEFORCE_RTX || this == TITAN || this == TITAN_RTX;
    }

    public static GpuBrand fromCode(int code) {
        for (GpuBrand b : values()) {
            if (b.code == code) {
                return b;
            }
        }
        return UNKNOWN;
    }
}
