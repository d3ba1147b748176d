package io.gpudoctor.simulate;

import io.gpudoctor.nvml.FieldRequest;
import io.gpudoctor.nvml.FieldValue;
import io.gpudoctor.nvml.NvmlFieldIds;
import io.gpudoctor.nvml.NvmlReturn;
import java.util.OptionalDouble;

/**
 * What a simulated GPU answers to each {@code nvmlDeviceGetFieldValues} request: the fields its
 * hardware has, {@code NVML_ERROR_NOT_SUPPORTED} for the others (HBM temperature on a GDDR card,
 * NVLink on a PCIe card), and {@code NVML_ERROR_INVALID_ARGUMENT} for a link past its last.
 */
final class SimulatedFields {

    private SimulatedFields() {
    }

    static FieldValue answer(SimulatedGpu gpu, FieldRequest request) {
        if (perLink(request.fieldId()) && !gpu.nvlinks().isEmpty()
                && (request.scopeId() < 0 || request.scopeId() >= gpu.nvlinks().size())) {
            return FieldValue.failed(request, NvmlReturn.ERROR_INVALID_ARGUMENT);
        }
        OptionalDouble value = switch (request.fieldId()) {
            case NvmlFieldIds.NVML_FI_DEV_MEMORY_TEMP -> gpu.memoryTemperatureCelsius().isPresent()
                    ? OptionalDouble.of(gpu.memoryTemperatureCelsius().getAsInt()) : OptionalDouble.empty();
            case NvmlFieldIds.NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION -> gpu.totalEnergyMillijoules().isPresent()
                    ? OptionalDouble.of(gpu.totalEnergyMillijoules().getAsLong()) : OptionalDouble.empty();
            case NvmlFieldIds.NVML_FI_DEV_PCIE_REPLAY_COUNTER -> OptionalDouble.of(gpu.pcieLink().replays());
            case NvmlFieldIds.NVML_FI_DEV_RETIRED_SBE -> gpu.retiredPages()
                    .map(r -> OptionalDouble.of(r.singleBit())).orElse(OptionalDouble.empty());
            case NvmlFieldIds.NVML_FI_DEV_RETIRED_DBE -> gpu.retiredPages()
                    .map(r -> OptionalDouble.of(r.doubleBit())).orElse(OptionalDouble.empty());
            case NvmlFieldIds.NVML_FI_DEV_RETIRED_PENDING -> gpu.retiredPages()
                    .map(r -> OptionalDouble.of(r.pending() ? 1 : 0)).orElse(OptionalDouble.empty());
            case NvmlFieldIds.NVML_FI_DEV_NVLINK_LINK_COUNT -> gpu.nvlinks().isEmpty()
                    ? OptionalDouble.empty() : OptionalDouble.of(gpu.nvlinks().size());
            case NvmlFieldIds.NVML_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL -> nvlinkTotal(gpu, gpu.nvlinkErrors().crcFlit());
            case NvmlFieldIds.NVML_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL -> nvlinkTotal(gpu, gpu.nvlinkErrors().crcData());
            case NvmlFieldIds.NVML_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL -> nvlinkTotal(gpu, gpu.nvlinkErrors().replay());
            case NvmlFieldIds.NVML_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL ->
                    nvlinkTotal(gpu, gpu.nvlinkErrors().recovery());
            case NvmlFieldIds.NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_TX, NvmlFieldIds.NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_RX -> {
                if (gpu.nvlinks().isEmpty()) {
                    yield OptionalDouble.empty();
                }
                NvLink link = gpu.nvlinks().get(request.scopeId());
                yield OptionalDouble.of(request.fieldId() == NvmlFieldIds.NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_TX
                        ? link.txKibibytes() : link.rxKibibytes());
            }
            default -> OptionalDouble.empty();
        };
        return value.isPresent() ? FieldValue.of(request, value.getAsDouble())
                : FieldValue.failed(request, NvmlReturn.ERROR_NOT_SUPPORTED);
    }

    private static boolean perLink(int fieldId) {
        return fieldId == NvmlFieldIds.NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_TX
                || fieldId == NvmlFieldIds.NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_RX;
    }

    private static OptionalDouble nvlinkTotal(SimulatedGpu gpu, long count) {
        return gpu.nvlinks().isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(count);
    }
}
