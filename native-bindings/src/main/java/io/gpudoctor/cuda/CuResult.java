package io.gpudoctor.cuda;

import java.util.Map;

/**
 * A {@code CUresult}. A record rather than an enum because a newer driver returns codes this
 * table does not know; those keep their number and read {@code CUDA_ERROR_<n>}.
 */
public record CuResult(int code) {

    public static final CuResult SUCCESS = new CuResult(0);
    public static final CuResult NO_DEVICE = new CuResult(100);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "CUDA_SUCCESS"),
            Map.entry(1, "CUDA_ERROR_INVALID_VALUE"),
            Map.entry(2, "CUDA_ERROR_OUT_OF_MEMORY"),
            Map.entry(3, "CUDA_ERROR_NOT_INITIALIZED"),
            Map.entry(4, "CUDA_ERROR_DEINITIALIZED"),
            Map.entry(34, "CUDA_ERROR_STUB_LIBRARY"),
            // Not a CUresult: the runtime API's cudaErrorInsufficientDriver, which users quote; the driver
            // API has no code 35 (cuGetErrorName rejects it).
            Map.entry(35, "CUDA_ERROR_INSUFFICIENT_DRIVER"),
            Map.entry(46, "CUDA_ERROR_DEVICE_UNAVAILABLE"),
            Map.entry(100, "CUDA_ERROR_NO_DEVICE"),
            Map.entry(101, "CUDA_ERROR_INVALID_DEVICE"),
            Map.entry(102, "CUDA_ERROR_DEVICE_NOT_LICENSED"),
            Map.entry(200, "CUDA_ERROR_INVALID_IMAGE"),
            Map.entry(209, "CUDA_ERROR_NO_BINARY_FOR_GPU"),
            Map.entry(218, "CUDA_ERROR_INVALID_PTX"),
            Map.entry(222, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION"),
            Map.entry(304, "CUDA_ERROR_OPERATING_SYSTEM"),
            Map.entry(800, "CUDA_ERROR_NOT_PERMITTED"),
            Map.entry(801, "CUDA_ERROR_NOT_SUPPORTED"),
            Map.entry(802, "CUDA_ERROR_SYSTEM_NOT_READY"),
            Map.entry(803, "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH"),
            Map.entry(804, "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE"),
            Map.entry(999, "CUDA_ERROR_UNKNOWN"));

    /** The C name, e.g. {@code CUDA_ERROR_NO_DEVICE}; {@code CUDA_ERROR_<n>} for codes not in the table. */
    public String name() {
        return NAMES.getOrDefault(code, "CUDA_ERROR_" + code);
    }

    /** Every result this table names, in code order. */
    public static java.util.List<CuResult> known() {
        return NAMES.keySet().stream().sorted().map(CuResult::new).toList();
    }

    public boolean isSuccess() {
        return code == 0;
    }

    /** Parses a C name as {@link #name()} writes it. */
    public static CuResult fromName(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT);
        for (Map.Entry<Integer, String> e : NAMES.entrySet()) {
            if (e.getValue().equals(n) || e.getValue().equals("CUDA_ERROR_" + n)) {
                return new CuResult(e.getKey());
            }
        }
        if (n.startsWith("CUDA_ERROR_")) {
            try {
                return new CuResult(Integer.parseInt(n.substring("CUDA_ERROR_".length())));
            } catch (NumberFormatException ignored) {
                // not a numeric name either: fall through to the error below
            }
        }
        throw new IllegalArgumentException("unknown CUresult name: " + name);
    }

    @Override
    public String toString() {
        return name();
    }
}
