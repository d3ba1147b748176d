package io.gpudoctor.nvml;

/**
 * One value asked of {@code nvmlDeviceGetFieldValues}: an {@code NVML_FI_*} id ({@link NvmlFieldIds})
 * and its scope, which for the per-link NVLink fields is the link number (0 otherwise).
 */
public record FieldRequest(int fieldId, int scopeId) {

    /** A field about the whole GPU. */
    public static FieldRequest of(int fieldId) {
        return new FieldRequest(fieldId, 0);
    }
}
