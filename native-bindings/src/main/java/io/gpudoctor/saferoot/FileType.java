package io.gpudoctor.saferoot;

import io.gpudoctor.libc.LibC;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/** The type an open fd refers to, from {@code fstat}, and the filesystem it lives on. */
enum FileType {
    REGULAR("a regular file"), DIRECTORY("a folder"), SYMLINK("a symlink"), FIFO("a FIFO"),
    SOCKET("a socket"), CHAR_DEVICE("a character device"), BLOCK_DEVICE("a block device"), UNKNOWN("of unknown type");

    /** statfs f_type of procfs (linux/magic.h); every symlink there may be a magic link. */
    private static final long PROC_SUPER_MAGIC = 0x9fa0;

    private final String words;

    FileType(String words) {
        this.words = words;
    }

    String words() {
        return words;
    }

    static FileType of(LibC libc, LinuxAbi abi, int fd) throws Refusal {
        Memory stat = new Memory(256);
        try {
            libc.syscall(abi.sysFstat(), fd, stat);
        } catch (LastErrorException e) {
            throw new Refusal(SafeStatus.UNREADABLE, "cannot fstat: " + Errno.name(e.getErrorCode()));
        }
        int mode = stat.getInt(abi.statModeOffset());
        return switch (mode & 0170000) {
            case 0100000 -> REGULAR;
            case 0040000 -> DIRECTORY;
            case 0120000 -> SYMLINK;
            case 0010000 -> FIFO;
            case 0140000 -> SOCKET;
            case 0020000 -> CHAR_DEVICE;
            case 0060000 -> BLOCK_DEVICE;
            default -> UNKNOWN;
        };
    }

    /** Whether fd lies on a procfs, where symlinks like {@code root}, {@code cwd}, {@code fd/N} are magic. */
    static boolean onProcfs(LibC libc, int fd) throws Refusal {
        // f_type is the first field, a long, on x86_64 and arm64 alike.
        Memory statfs = new Memory(256);
        try {
            libc.fstatfs(fd, statfs);
        } catch (LastErrorException e) {
            throw new Refusal(SafeStatus.UNREADABLE, "cannot fstatfs: " + Errno.name(e.getErrorCode()));
        }
        return (statfs.getLong(0) & 0xffffffffL) == PROC_SUPER_MAGIC;
    }
}
