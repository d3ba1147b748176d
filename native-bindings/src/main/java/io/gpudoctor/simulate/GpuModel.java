package io.gpudoctor.simulate;

import io.gpudoctor.nvml.ClockType;
import io.gpudoctor.nvml.ComputeCapability;
import io.gpudoctor.nvml.GpuArchitecture;
import io.gpudoctor.nvml.GpuBrand;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GPU models a scenario can place in a simulated host, with what NVML reports for them: the exact
 * product name, PCI ids, memory, limits, and which optional NVML queries the part answers at all.
 * Values are those of the SXM/PCIe boards as shipped; they are close enough to real nodes that
 * the daemon's rules and metrics behave as they would there.
 */
public enum GpuModel {
    A100_SXM4_80GB("A100", "NVIDIA A100-SXM4-80GB", GpuBrand.NVIDIA, GpuArchitecture.AMPERE, 8, 0,
            81_920, 453, 400_000, new Clocks(1410, 1410, 1593, 1290), 0x20B210DEL, 0x147F10DEL,
            EnumSet.of(Feature.ECC, Feature.MIG, Feature.SERIAL, Feature.REMAPPED_ROWS, Feature.ENERGY,
                    Feature.PCIE_THROUGHPUT)),
    H100_SXM5_80GB("H100", "NVIDIA H100 80GB HBM3", GpuBrand.NVIDIA, GpuArchitecture.HOPPER, 9, 0,
            81_559, 329, 700_000, new Clocks(1980, 1980, 2619, 1545), 0x233010DEL, 0x16C110DEL,
            EnumSet.of(Feature.ECC, Feature.MIG, Feature.SERIAL, Feature.REMAPPED_ROWS, Feature.ENERGY,
                    Feature.PCIE_THROUGHPUT)),
    H200_SXM_141GB("H200", "NVIDIA H200", GpuBrand.NVIDIA, GpuArchitecture.HOPPER, 9, 0,
            143_771, 565, 700_000, new Clocks(1980, 1980, 3201, 1545), 0x233510DEL, 0x18BE10DEL,
            EnumSet.of(Feature.ECC, Feature.MIG, Feature.SERIAL, Feature.REMAPPED_ROWS, Feature.ENERGY,
                    Feature.PCIE_THROUGHPUT)),
    L4("L4", "NVIDIA L4", GpuBrand.NVIDIA, GpuArchitecture.ADA, 8, 9,
            23_034, 413, 72_000, new Clocks(2040, 2040, 6251, 1770), 0x27B810DEL, 0x16CA10DEL,
            EnumSet.of(Feature.ECC, Feature.SERIAL, Feature.REMAPPED_ROWS, Feature.ENERGY, Feature.PCIE_THROUGHPUT)),
    T4("T4", "Tesla T4", GpuBrand.TESLA, GpuArchitecture.TURING, 7, 5,
            15_360, 259, 70_000, new Clocks(1590, 1590, 5001, 1470), 0x1EB810DEL, 0x12A210DEL,
            EnumSet.of(Feature.ECC, Feature.SERIAL, Feature.ENERGY, Feature.PCIE_THROUGHPUT)),
    V100_SXM2_32GB("V100", "Tesla V100-SXM2-32GB", GpuBrand.TESLA, GpuArchitecture.VOLTA, 7, 0,
            32_768, 310, 300_000, new Clocks(1530, 1530, 877, 1372), 0x1DB510DEL, 0x124910DEL,
            EnumSet.of(Feature.ECC, Feature.SERIAL, Feature.ENERGY, Feature.PCIE_THROUGHPUT)),
    RTX_4090("RTX4090", "NVIDIA GeForce RTX 4090", GpuBrand.GEFORCE_RTX, GpuArchitecture.ADA, 8, 9,
            24_564, 331, 450_000, new Clocks(3120, 3120, 10501, 2415), 0x268410DEL, 0x167010DEL,
            EnumSet.of(Feature.FAN, Feature.ENERGY, Feature.PCIE_THROUGHPUT)),
    K80("K80", "Tesla K80", GpuBrand.TESLA, GpuArchitecture.KEPLER, 3, 7,
            11_441, 0, 149_000, new Clocks(875, 875, 2505, 540), 0x102D10DEL, 0x106C10DEL,
            EnumSet.of(Feature.ECC, Feature.SERIAL));

    /** Optional NVML queries; a model without one answers {@code NVML_ERROR_NOT_SUPPORTED}. */
    public enum Feature {
        ECC,
        MIG,
        /** Passively cooled datacenter boards have no fan of their own. */
        FAN,
        /** GeForce boards report no serial number. */
        SERIAL,
        /** Row remapping replaced page retirement with Ampere datacenter HBM parts (and L4). */
        REMAPPED_ROWS,
        /** {@code nvmlDeviceGetTotalEnergyConsumption}: Volta and later. */
        ENERGY,
        /** {@code nvmlDeviceGetPcieThroughput}: Maxwell and later. */
        PCIE_THROUGHPUT
    }

    /** Clock frequencies in MHz, one per {@link ClockType}. */
    public record Clocks(int graphicsMhz, int smMhz, int memoryMhz, int videoMhz) {
        public Clocks {
            if (graphicsMhz < 0 || smMhz < 0 || memoryMhz < 0 || videoMhz < 0) {
                throw new IllegalArgumentException("negative clock in " + this);
            }
        }

        public int mhz(ClockType type) {
            return switch (type) {
                case GRAPHICS -> graphicsMhz;
                case SM -> smMhz;
                case MEMORY -> memoryMhz;
                case VIDEO -> videoMhz;
            };
        }
    }

    private static final long MIB = 1024L * 1024L;

    private final String key;
    private final String nvmlName;
    private final GpuBrand brand;
    private final GpuArchitecture architecture;
    private final ComputeCapability computeCapability;
    private final long memoryTotalBytes;
    private final long memoryReservedBytes;
    private final int powerLimitMilliwatts;
    private final Clocks maxClocks;
    private final long pciDeviceId;
    private final long pciSubSystemId;
    private final Set<Feature> features;

    GpuModel(String key, String nvmlName, GpuBrand brand, GpuArchitecture architecture, int ccMajor, int ccMinor,
             long memoryTotalMib, long memoryReservedMib, int powerLimitMilliwatts, Clocks maxClocks,
             long pciDeviceId, long pciSubSystemId, EnumSet<Feature> features) {
        this.key = key;
        this.nvmlName = nvmlName;
        this.brand = brand;
        this.architecture = architecture;
        this.computeCapability = new ComputeCapability(ccMajor, ccMinor);
        this.memoryTotalBytes = memoryTotalMib * MIB;
        this.memoryReservedBytes = memoryReservedMib * MIB;
        this.powerLimitMilliwatts = powerLimitMilliwatts;
        this.maxClocks = maxClocks;
        this.pciDeviceId = pciDeviceId;
        this.pciSubSystemId = pciSubSystemId;
        this.features = Set.copyOf(features);
    }

    /** The short name a scenario file uses, such as {@code H100} or {@code RTX4090}. */
    public String key() {
        return key;
    }

    /** What {@code nvmlDeviceGetName} returns, e.g. {@code NVIDIA H100 80GB HBM3}. */
    public String nvmlName() {
        return nvmlName;
    }

    public GpuBrand brand() {
        return brand;
    }

    public GpuArchitecture architecture() {
        return architecture;
    }

    public ComputeCapability computeCapability() {
        return computeCapability;
    }

    /** Frame-buffer size as {@code nvmlDeviceGetMemoryInfo_v2} reports it (reserved memory included). */
    public long memoryTotalBytes() {
        return memoryTotalBytes;
    }

    /** Memory the driver keeps for itself; a v2 {@code memoryInfo} counts it neither used nor free. */
    public long memoryReservedBytes() {
        return memoryReservedBytes;
    }

    /** The default enforced power limit. */
    public int powerLimitMilliwatts() {
        return powerLimitMilliwatts;
    }

    public Clocks maxClocks() {
        return maxClocks;
    }

    /** Combined device and vendor id, e.g. {@code 0x233010DE}. */
    public long pciDeviceId() {
        return pciDeviceId;
    }

    public long pciSubSystemId() {
        return pciSubSystemId;
    }

    public boolean supports(Feature feature) {
        return features.contains(feature);
    }

    /** How many NVLinks the board has; 0 for a PCIe-only card. */
    public int nvlinkCount() {
        return switch (this) {
            case A100_SXM4_80GB -> 12;
            case H100_SXM5_80GB, H200_SXM_141GB -> 18;
            case V100_SXM2_32GB -> 6;
            case L4, T4, RTX_4090, K80 -> 0;
        };
    }

    /** The PCIe generation the board supports. */
    public int pcieMaxGeneration() {
        return switch (this) {
            case H100_SXM5_80GB, H200_SXM_141GB -> 5;
            case A100_SXM4_80GB, L4, RTX_4090 -> 4;
            case T4, V100_SXM2_32GB, K80 -> 3;
        };
    }

    /** The PCIe lanes the board has: every modelled board is x16. */
    public int pcieMaxWidth() {
        return 16;
    }

    /** Whether the board has HBM, whose temperature NVML reports ({@code NVML_FI_DEV_MEMORY_TEMP}). */
    public boolean hasHbm() {
        return switch (this) {
            case A100_SXM4_80GB, H100_SXM5_80GB, H200_SXM_141GB, V100_SXM2_32GB -> true;
            case L4, T4, RTX_4090, K80 -> false;
        };
    }

    /**
     * The model a scenario names: its {@link #key()}, its constant name or its NVML name, in any
     * case; empty when none matches.
     */
    public static Optional<GpuModel> find(String name) {
        String wanted = name.trim();
        return Arrays.stream(values())
                .filter(m -> m.key.equalsIgnoreCase(wanted) || m.name().equalsIgnoreCase(wanted)
                        || m.nvmlName.equalsIgnoreCase(wanted))
                .findFirst();
    }

    /** The short names of every model, for messages that list what a scenario may use. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(GpuModel::key).toList();
    }
}
