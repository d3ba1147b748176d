package io.gpudoctor.kmsg;

import com.sun.jna.LastErrorException;
import io.gpudoctor.libc.LibC;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the kernel log holds now from {@code /dev/kmsg} without blocking. A plain Java read
 * of {@code /dev/kmsg} waits forever for the next message once it reaches the end of the buffer,
 * so the device is opened {@code O_NONBLOCK} and read until {@code EAGAIN}. Each {@code read(2)}
 * of the device returns one record ({@code priority,seq,usec,flags;message}, then the record's
 * dictionary lines, each starting with a space); the records are returned line by line. Any other
 * file (a FIFO in tests) is read the same way and split into lines.
 */
public final class KmsgReader {

    /**
     * How much to read at most, so a flood of messages or a writer that never stops cannot hold
     * the caller.
     */
    public record Limits(int maxReads, long maxBytes, Duration maxTime) {

        /** Enough for a full kernel ring buffer (a few MiB at most) in well under a second. */
        public static final Limits DEFAULT = new Limits(100_000, 16L << 20, Duration.ofSeconds(2));
    }

    /** errno values on Linux (asm-generic, x86_64 and arm64 alike). */
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int EPIPE = 32;

    private static final int O_RDONLY = 0;
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;

    /** The kernel's largest record (text and dictionary) is below 8 KiB; a smaller buffer gets EINVAL. */
    private static final int RECORD_BUFFER = 16 * 1024;

    private KmsgReader() {
    }

    /**
     * The lines readable from {@code device} now, oldest first.
     *
     * @throws IOException when the file cannot be opened (EACCES when not root and
     *                     {@code kernel.dmesg_restrict} is set) or a read fails other than at the end
     */
    public static List<String> read(Path device, Limits limits) throws IOException {
        LibC libc = LibC.load();
        int fd;
        try {
            fd = libc.open(device.toString(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + device + ": " + errnoName(e.getErrorCode()), e);
        }
        try {
            return readAll(libc, fd, limits);
        } finally {
            try {
                libc.close(fd);
            } catch (LastErrorException ignored) {
                // Nothing was written, so a failing close loses nothing.
            }
        }
    }

    private static List<String> readAll(LibC libc, int fd, Limits limits) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[RECORD_BUFFER];
        long deadline = System.nanoTime() + limits.maxTime().toNanos();
        long bytes = 0;
        for (int reads = 0; reads < limits.maxReads() && bytes < limits.maxBytes()
                && System.nanoTime() < deadline; reads++) {
            long n;
            try {
                n = libc.read(fd, buffer, buffer.length);
            } catch (LastErrorException e) {
                int errno = e.getErrorCode();
                if (errno == EAGAIN) {
                    break;
                }
                // EPIPE: the ring buffer overwrote the record we were at; the next read goes on.
                if (errno == EPIPE || errno == EINTR) {
                    continue;
                }
                throw new IOException("cannot read: " + errnoName(errno), e);
            }
            if (n <= 0) {
                break;
            }
            bytes += n;
            String chunk = new String(buffer, 0, (int) n, StandardCharsets.UTF_8);
            text.append(chunk);
            if (!chunk.endsWith("\n")) {
                text.append('\n');
            }
        }
        return text.isEmpty() ? List.of() : List.of(text.toString().split("\n"));
    }

    private static String errnoName(int errno) {
        return switch (errno) {
            case 1 -> "EPERM (operation not permitted)";
            case 2 -> "ENOENT (no such file)";
            case 13 -> "EACCES (permission denied; reading the kernel log needs root or kernel.dmesg_restrict=0)";
            case 22 -> "EINVAL";
            default -> "errno " + errno;
        };
    }
}
