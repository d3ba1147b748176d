package io.gpudoctor.saferoot;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The libc calls the safe reader needs, with errno turned into {@link LastErrorException}. Paths go to
 * the kernel as NUL-terminated UTF-8 bytes built here, so JNA's default string encoding never matters.
 */
final class Sys {

    /** One libc, loaded once; {@code syscall} is overloaded per argument list (JNA maps by name). */
    interface LibC extends Library {
        /** openat2(dirfd, path, how, size). */
        long syscall(long number, int dirfd, byte[] path, Pointer how, long size) throws LastErrorException;

        /** fstat(fd, statbuf). */
        long syscall(long number, int fd, Pointer buffer) throws LastErrorException;

        /** getdents64(fd, dirp, count). */
        long syscall(long number, int fd, Pointer buffer, long count) throws LastErrorException;

        int openat(int dirfd, byte[] path, int flags) throws LastErrorException;

        long readlinkat(int dirfd, byte[] path, byte[] buffer, long size) throws LastErrorException;

        long read(int fd, byte[] buffer, long count) throws LastErrorException;

        int fstatfs(int fd, Pointer buffer) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static LibC instance;

    private Sys() {
    }

    static synchronized LibC libc() throws IOException {
        if (instance == null) {
            try {
                instance = Native.load("c", LibC.class);
            } catch (UnsatisfiedLinkError e) {
                throw new IOException("libc cannot be loaded: " + e.getMessage(), e);
            }
        }
        return instance;
    }

    /** The path as the kernel wants it (UTF-8, NUL-terminated). */
    static byte[] cString(String path) throws Refusal {
        requireNoNul(path);
        byte[] utf8 = path.getBytes(StandardCharsets.UTF_8);
        byte[] c = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, c, 0, utf8.length);
        return c;
    }

    /** A NUL inside a path would silently cut it short for the kernel, so such a path is refused. */
    static void requireNoNul(String path) throws Refusal {
        if (path.indexOf('\0') >= 0) {
            throw new Refusal(SafeStatus.UNREADABLE, "path contains a NUL byte");
        }
    }

    static Memory openHow(long flags, long resolve) {
        Memory how = new Memory(LinuxAbi.OPEN_HOW_SIZE);
        how.setLong(0, flags);
        how.setLong(8, 0);
        how.setLong(16, resolve);
        return how;
    }

    /** Closes an fd this package opened; a failing close of a read-only fd loses nothing. */
    static void close(LibC libc, int fd) {
        try {
            libc.close(fd);
        } catch (LastErrorException ignored) {
            // EBADF would be a bug here, EINTR/EIO cannot lose data on a read-only fd.
        }
    }
}
