package io.gpudoctor.nvml;

/** Decodes a filled {@code nvmlFieldValue_t}: its status, then its union by its value type. */
final class FieldValues {

    private static final double TWO_TO_THE_64 = 0x1p64;

    private FieldValues() {
    }

    static FieldValue decode(FieldRequest request, NvmlLibrary.nvmlFieldValue_t filled) {
        NvmlReturn status = NvmlReturn.fromCode(filled.nvmlReturn);
        if (status != NvmlReturn.SUCCESS) {
            return FieldValue.failed(request, status);
        }
        long raw = filled.value;
        return switch (filled.valueType) {
            case NvmlLibrary.NVML_VALUE_TYPE_DOUBLE -> FieldValue.of(request, Double.longBitsToDouble(raw));
            case NvmlLibrary.NVML_VALUE_TYPE_UNSIGNED_INT -> FieldValue.of(request, raw & 0xFFFF_FFFFL);
            case NvmlLibrary.NVML_VALUE_TYPE_SIGNED_INT -> FieldValue.of(request, (int) raw);
            case NvmlLibrary.NVML_VALUE_TYPE_UNSIGNED_LONG, NvmlLibrary.NVML_VALUE_TYPE_UNSIGNED_LONG_LONG ->
                    FieldValue.of(request, unsigned(raw));
            case NvmlLibrary.NVML_VALUE_TYPE_SIGNED_LONG_LONG -> FieldValue.of(request, raw);
            // A type newer than this binding: its bytes cannot be read safely.
            default -> FieldValue.failed(request, NvmlReturn.ERROR_UNKNOWN);
        };
    }

    private static double unsigned(long raw) {
        return raw >= 0 ? raw : raw + TWO_TO_THE_64;
    }
}
