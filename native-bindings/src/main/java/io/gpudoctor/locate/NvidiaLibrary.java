package io.gpudoctor.locate;

/** The NVIDIA driver libraries gpu-doctor loads, by the soname a program asks the dynamic loader for. */
public enum NvidiaLibrary {
    NVML("libnvidia-ml.so.1", "--nvml.library"),
    CUDA("libcuda.so.1", "--cuda.library");

    private final String soname;
    private final String option;

    NvidiaLibrary(String soname, String option) {
        this.soname = soname;
        this.option = option;
    }

    /** The soname, e.g. {@code libnvidia-ml.so.1}. */
    public String soname() {
        return soname;
    }

    /** The command-line option that names this library's file explicitly, e.g. {@code --nvml.library}. */
    public String option() {
        return option;
    }
}
