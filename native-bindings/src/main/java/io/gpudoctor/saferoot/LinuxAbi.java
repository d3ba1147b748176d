package io.gpudoctor.saferoot;

import java.util.Locale;
import java.util.Optional;

/**
 * The numbers that differ between the two architectures gpu-doctor runs on. Syscall numbers come from
 * the kernel's tables ({@code arch/x86/entry/syscalls/syscall_64.tbl}; arm64 uses the unified
 * {@code include/uapi/asm-generic/unistd.h}, where openat2 is 437 as well). {@code O_DIRECTORY} and
 * {@code O_NOFOLLOW} differ: arm64 overrides them in {@code arch/arm64/include/uapi/asm/fcntl.h}.
 * {@code struct stat} differs too ({@code st_mode} at 24 on x86_64, 16 on arm64), so fstat is called
 * as a raw syscall with the layout given here rather than through glibc, which only exports an
 * {@code fstat} symbol since 2.33.
 */
record LinuxAbi(String name, long sysOpenat2, long sysFstat, long sysGetdents64,
                int oDirectory, int oNofollow, int statSize, int statModeOffset, int statSizeOffset) {

    static final LinuxAbi X86_64 = new LinuxAbi("x86_64", 437, 5, 217, 0200000, 0400000, 144, 24, 48);
    static final LinuxAbi AARCH64 = new LinuxAbi("aarch64", 437, 80, 61, 040000, 0100000, 128, 16, 48);

    /** Flags with the same value on both architectures (asm-generic/fcntl.h). */
    static final int O_RDONLY = 0;
    static final int O_NOCTTY = 0400;
    static final int O_NONBLOCK = 04000;
    static final int O_CLOEXEC = 02000000;
    static final int O_PATH = 010000000;
    static final int AT_FDCWD = -100;

    static final long RESOLVE_NO_MAGICLINKS = 0x02;
    static final long RESOLVE_IN_ROOT = 0x10;
    /** sizeof(struct open_how): three __u64. */
    static final int OPEN_HOW_SIZE = 24;

    /** The ABI for a value of {@code os.arch}, if gpu-doctor knows it. */
    static Optional<LinuxAbi> forArch(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of(X86_64);
            case "aarch64", "arm64" -> Optional.of(AARCH64);
            default -> Optional.empty();
        };
    }
}
