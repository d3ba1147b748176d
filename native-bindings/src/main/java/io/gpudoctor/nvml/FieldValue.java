package io.gpudoctor.nvml;

import java.util.OptionalDouble;

/**
 * NVML's answer to one {@link FieldRequest}. Each field has its own status: a GPU answers the
 * fields it has and {@code NVML_ERROR_NOT_SUPPORTED} (or another error) for the others, in one call.
 *
 * @param status NVML's per-field return code
 * @param value  the value in NVML's unit for that field, whatever C type NVML stored it as; empty
 *               unless {@code status} is {@link NvmlReturn#SUCCESS}
 */
public record FieldValue(FieldRequest request, NvmlReturn status, OptionalDouble value) {

    /** A field the GPU answered. */
    public static FieldValue of(FieldRequest request, double value) {
        return new FieldValue(request, NvmlReturn.SUCCESS, OptionalDouble.of(value));
    }

    /** A field the GPU did not answer. */
    public static FieldValue failed(FieldRequest request, NvmlReturn status) {
        return new FieldValue(request, status, OptionalDouble.empty());
    }
}
