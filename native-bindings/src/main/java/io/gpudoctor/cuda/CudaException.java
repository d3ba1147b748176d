package io.gpudoctor.cuda;

/** A CUDA driver API call that did not return {@code CUDA_SUCCESS}. */
public final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient CuResult result;
    private final String call;

    public CudaException(String call, CuResult result) {
        super(call + ": " + result.name());
        this.result = result;
        this.call = call;
    }

    public CuResult result() {
        return result;
    }

    public String call() {
        return call;
    }
}
