package io.gpudoctor.locate;

/**
 * One library in {@code /etc/ld.so.cache}: the soname a program asks for, the path the dynamic
 * loader opens for it, and glibc's flags word (low byte: library type, next byte: the ABI it was
 * built for), which keeps a 32-bit entry from being taken for a 64-bit process.
 */
public record LdSoCacheEntry(String soname, String path, int flags) {

    /** {@code FLAG_ELF_LIBC6 | FLAG_X8664_LIB64}: what {@code ldconfig -p} prints as "libc6,x86-64". */
    public static final int X86_64_LIBC6 = 0x0303;

    /** {@code FLAG_ELF_LIBC6 | FLAG_AARCH64_LIB64}: "libc6,AArch64". */
    public static final int AARCH64_LIBC6 = 0x0a03;

    /** {@code FLAG_ELF_LIBC6} alone: a 32-bit x86 (or other 32-bit) glibc library. */
    public static final int LIBC6 = 0x0003;

    /** Whether a 64-bit x86 process can load this entry. */
    public boolean isX8664Libc6() {
        return flags == X86_64_LIBC6;
    }
}
