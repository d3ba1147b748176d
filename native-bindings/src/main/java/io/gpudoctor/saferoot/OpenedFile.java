package io.gpudoctor.saferoot;

import io.gpudoctor.libc.LibC;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Reads what an {@code O_PATH} fd from a {@link Resolver} refers to. The type is checked on the
 * {@code O_PATH} fd first, so a FIFO or a device is never opened at all (opening one can block or have
 * side effects); only then is the same inode reopened for reading through {@code /proc/self/fd/N},
 * which names exactly that file and resolves nothing again.
 */
final class OpenedFile {

    private static final int CHUNK = 64 * 1024;
    private static final int DIRENT_BUFFER = 32 * 1024;
    /** struct linux_dirent64: d_ino u64, d_off s64, d_reclen u16 at 16, d_type u8 at 18, d_name at 19. */
    private static final int DIRENT_RECLEN = 16;
    private static final int DIRENT_NAME = 19;

    private final LibC libc;
    private final LinuxAbi abi;

    OpenedFile(LibC libc, LinuxAbi abi) {
        this.libc = libc;
        this.abi = abi;
    }

    /** The regular file behind {@code pathFd}, at most {@code maxBytes} of it. */
    SafeRead read(String path, int pathFd, int maxBytes) throws Refusal {
        FileType type = FileType.of(libc, abi, pathFd);
        if (type != FileType.REGULAR) {
            throw new Refusal(SafeStatus.NOT_REGULAR, path + " is " + type.words() + ", not a regular file; not read");
        }
        int fd = reopen(pathFd, LinuxAbi.O_RDONLY | LinuxAbi.O_NONBLOCK | LinuxAbi.O_NOCTTY, path);
        try {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            byte[] buffer = new byte[CHUNK];
            // One byte past the cap tells "exactly the cap" from "more than the cap".
            while (content.size() <= maxBytes) {
                long n = readOnce(fd, buffer, (int) Math.min(buffer.length, maxBytes + 1L - content.size()), path);
                if (n <= 0) {
                    return new SafeRead(path, SafeStatus.OK, content.toByteArray(), "");
                }
                content.write(buffer, 0, (int) n);
            }
            byte[] all = content.toByteArray();
            byte[] capped = new byte[maxBytes];
            System.arraycopy(all, 0, capped, 0, maxBytes);
            return new SafeRead(path, SafeStatus.TOO_LARGE, capped,
                    path + " is larger than the " + maxBytes + "-byte cap; only the first " + maxBytes + " bytes were read");
        } finally {
            Sys.close(libc, fd);
        }
    }

    /**
     * At most {@code length} bytes of the regular file behind {@code pathFd} from {@code offset}: fewer at
     * the end of the file, none past it. For formats whose index lies at the end of a large file (ELF
     * section headers), so that a few bounded reads replace reading the whole file.
     */
    SafeRead readAt(String path, int pathFd, long offset, int length) throws Refusal {
        FileType type = FileType.of(libc, abi, pathFd);
        if (type != FileType.REGULAR) {
            throw new Refusal(SafeStatus.NOT_REGULAR, path + " is " + type.words() + ", not a regular file; not read");
        }
        int fd = reopen(pathFd, LinuxAbi.O_RDONLY | LinuxAbi.O_NONBLOCK | LinuxAbi.O_NOCTTY, path);
        try {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            byte[] buffer = new byte[Math.min(CHUNK, Math.max(length, 1))];
            while (content.size() < length) {
                long n = preadOnce(fd, buffer, Math.min(buffer.length, length - content.size()),
                        offset + content.size(), path);
                if (n <= 0) {
                    break;
                }
                content.write(buffer, 0, (int) n);
            }
            return new SafeRead(path, SafeStatus.OK, content.toByteArray(), "");
        } finally {
            Sys.close(libc, fd);
        }
    }

    /** The names in the folder behind {@code pathFd}, at most {@code maxEntries} of them. */
    SafeListing list(String path, int pathFd, int maxEntries) throws Refusal {
        FileType type = FileType.of(libc, abi, pathFd);
        if (type != FileType.DIRECTORY) {
            throw new Refusal(SafeStatus.NOT_DIRECTORY, path + " is " + type.words() + ", not a folder; not listed");
        }
        int fd = reopen(pathFd, LinuxAbi.O_RDONLY | LinuxAbi.O_NONBLOCK | abi.oDirectory(), path);
        try {
            List<String> names = new ArrayList<>();
            Memory buffer = new Memory(DIRENT_BUFFER);
            boolean more = true;
            while (more && names.size() <= maxEntries) {
                long n;
                try {
                    n = libc.syscall(abi.sysGetdents64(), fd, buffer, DIRENT_BUFFER);
                } catch (LastErrorException e) {
                    throw new Refusal(SafeStatus.UNREADABLE, "cannot list " + path + ": " + Errno.name(e.getErrorCode()));
                }
                more = n > 0;
                for (long offset = 0; offset < n && names.size() <= maxEntries; ) {
                    String name = buffer.getString(offset + DIRENT_NAME, StandardCharsets.UTF_8.name());
                    if (!name.equals(".") && !name.equals("..")) {
                        names.add(name);
                    }
                    offset += buffer.getShort(offset + DIRENT_RECLEN) & 0xffff;
                }
            }
            if (names.size() > maxEntries) {
                List<String> kept = new ArrayList<>(names.subList(0, maxEntries));
                Collections.sort(kept);
                return new SafeListing(path, SafeStatus.TOO_LARGE, kept,
                        path + " holds more than " + maxEntries + " entries; only " + maxEntries + " were listed");
            }
            Collections.sort(names);
            return new SafeListing(path, SafeStatus.OK, names, "");
        } finally {
            Sys.close(libc, fd);
        }
    }

    private int reopen(int pathFd, int flags, String path) throws Refusal {
        try {
            return libc.openat(LinuxAbi.AT_FDCWD, Sys.cString("/proc/self/fd/" + pathFd), flags | LinuxAbi.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new Refusal(SafeStatus.UNREADABLE, "cannot open " + path + " for reading: " + Errno.name(e.getErrorCode()));
        }
    }

    private long preadOnce(int fd, byte[] buffer, int count, long offset, String path) throws Refusal {
        return retried(path, () -> libc.pread(fd, buffer, count, offset));
    }

    private long readOnce(int fd, byte[] buffer, int count, String path) throws Refusal {
        return retried(path, () -> libc.read(fd, buffer, count));
    }

    /** A read, again after EINTR; EAGAIN (a FIFO or device with nothing to give) reads as the end. */
    private static long retried(String path, LongSupplier read) throws Refusal {
        while (true) {
            try {
                return read.getAsLong();
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Errno.EINTR) {
                    continue;
                }
                if (e.getErrorCode() == Errno.EAGAIN) {
                    return 0;
                }
                throw new Refusal(SafeStatus.UNREADABLE, "cannot read " + path + ": " + Errno.name(e.getErrorCode()));
            }
        }
    }
}
