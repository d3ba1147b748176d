package io.gpudoctor.saferoot;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import io.gpudoctor.libc.LibC;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The safe reader's side of the shared {@link LibC} binding (errno comes as
 * {@link LastErrorException}): paths go to the kernel as NUL-terminated UTF-8 bytes built here, so
 * JNA's default string encoding never matters, and the openat2 argument struct.
 */
final class Sys {

    private Sys() {
    }

    static LibC libc() throws IOException {
        return LibC.load();
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
