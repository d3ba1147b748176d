package io.gpudoctor.nvml;

/**
 * An NVML call that did not return {@code NVML_SUCCESS}. Carries the raw code as well, since a
 * driver newer than this table may return codes it does not name.
 */
public final class NvmlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient NvmlReturn result;
    private final int rawCode;
    private final String call;

    public NvmlException(String call, int rawCode, String message) {
        super(call + ": " + NvmlReturn.fromCode(rawCode).cName()
                + (rawCode == NvmlReturn.fromCode(rawCode).code() ? "" : " (" + rawCode + ")")
                + (message == null || message.isBlank() ? "" : " (" + message + ")"));
        this.result = NvmlReturn.fromCode(rawCode);
        this.rawCode = rawCode;
        this.call = call;
    }

    public NvmlException(String call, NvmlReturn result) {
        this(call, result.code(), null);
    }

    public NvmlReturn result() {
        return result;
    }

    public int rawCode() {
        return rawCode;
    }

    /** The NVML function that failed, such as {@code nvmlDeviceGetMemoryInfo_v2}. */
    public String call() {
        return call;
    }
}
