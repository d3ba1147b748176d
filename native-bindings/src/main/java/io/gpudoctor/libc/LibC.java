package io.gpudoctor.libc;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;

/**
 * The libc calls gpu-doctor makes itself (the kernel log reader, the safe container-file reader),
 * with errno carried by {@link LastErrorException} when a call returns -1. One binding, loaded
 * once. size_t and ssize_t are 64 bits on every Linux platform gpu-doctor runs on.
 */
public interface LibC extends Library {

    int open(String path, int flags) throws LastErrorException;

    int openat(int dirfd, byte[] path, int flags) throws LastErrorException;

    long readlinkat(int dirfd, byte[] path, byte[] buffer, long size) throws LastErrorException;

    long read(int fd, byte[] buffer, long count) throws LastErrorException;

    /** {@code pread(2)}: reads at an offset without moving the file position (64-bit off_t on LP64). */
    long pread(int fd, byte[] buffer, long count, long offset) throws LastErrorException;

    int fstatfs(int fd, Pointer buffer) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /** openat2(dirfd, path, how, size); {@code syscall} is overloaded per argument list (JNA maps by name). */
    long syscall(long number, int dirfd, byte[] path, Pointer how, long size) throws LastErrorException;

    /** fstat(fd, statbuf). */
    long syscall(long number, int fd, Pointer buffer) throws LastErrorException;

    /** getdents64(fd, dirp, count). */
    long syscall(long number, int fd, Pointer buffer, long count) throws LastErrorException;

    /** The process's libc; an {@link IOException} where it cannot be loaded. */
    static LibC load() throws IOException {
        return Holder.load();
    }

    /** Loads libc lazily, once. */
    final class Holder {
        private static LibC instance;

        private Holder() {
        }

        static synchronized LibC load() throws IOException {
            if (instance == null) {
                try {
                    instance = Native.load("c", LibC.class);
                } catch (UnsatisfiedLinkError e) {
                    throw new IOException("libc cannot be loaded: " + e.getMessage(), e);
                }
            }
            return instance;
        }
    }
}
