package io.gpudoctor.locate;

import java.util.Locale;

/**
 * The 64-bit ABIs gpu-doctor locates driver libraries for: where Debian-style systems keep their
 * libraries and how ldconfig marks a library built for them.
 */
enum HostArch {
    X86_64("x86_64-linux-gnu", LdSoCacheEntry.X86_64_LIBC6),
    AARCH64("aarch64-linux-gnu", LdSoCacheEntry.AARCH64_LIBC6);

    private final String multiarch;
    private final int cacheFlags;

    HostArch(String multiarch, int cacheFlags) {
        this.multiarch = multiarch;
        this.cacheFlags = cacheFlags;
    }

    /** The multiarch triplet, e.g. {@code x86_64-linux-gnu}. */
    String multiarch() {
        return multiarch;
    }

    /** The ld.so.cache flags of a library this process can load. */
    int cacheFlags() {
        return cacheFlags;
    }

    /**
     * This JVM's architecture. Anything but aarch64 is taken for x86-64: those are the two NVIDIA
     * still ships Linux drivers for, and a wrong guess only makes the cache lookup find nothing.
     */
    static HostArch current() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64") ? AARCH64 : X86_64;
    }
}
