package io.gpudoctor.nvml;

/** Turns {@code nvmlReturn_t} codes into results or {@link NvmlException}s carrying NVML's own message. */
final class NvmlErrors {

    private final NvmlLibrary lib;

    NvmlErrors(NvmlLibrary lib) {
        this.lib = lib;
    }

    /** Throws unless {@code code} is {@code NVML_SUCCESS}. */
    void check(String call, int code) {
        if (code != NvmlLibrary.NVML_SUCCESS) {
            throw exception(call, code);
        }
    }

    /** False for {@code NVML_ERROR_NOT_SUPPORTED}, true for success; throws for anything else. */
    boolean supported(String call, int code) {
        if (code == NvmlLibrary.NVML_ERROR_NOT_SUPPORTED) {
            return false;
        }
        check(call, code);
        return true;
    }

    NvmlException exception(String call, int code) {
        return new NvmlException(call, code, lib.nvmlErrorString(code));
    }
}
