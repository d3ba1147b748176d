package io.gpudoctor.saferoot;

import io.gpudoctor.libc.LibC;
import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Reads files inside a container's root ({@code /proc/<pid>/root}, or any folder) so that no path, link
 * or race in the container can make it read a file outside. The root is opened once as an fd, and every
 * path is resolved against that fd: with {@code openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)} where
 * the kernel has it, else by a component-by-component walk that never lets the kernel follow a link (see
 * {@link ResolveStrategy}). Absolute link targets start again at the root and {@code ..} stops there, as
 * inside the container. Only regular files are read, with a size cap; folders are listed with an entry
 * cap; a FIFO, socket or device is never opened. Hostile content is a status in the result, never an
 * exception. Thread-safe; {@link #close()} waits for reads in progress.
 */
public final class SafeRootReader implements AutoCloseable {

    /**
     * Caps on what one call reads.
     *
     * @param maxFileBytes bytes read from one file at most
     * @param maxDirEntries names listed from one folder at most
     */
    public record Limits(int maxFileBytes, int maxDirEntries) {

        /** 1 MiB is far more than any version file, config or ld.so.cache a diagnosis reads from a container. */
        public static final Limits DEFAULT = new Limits(1 << 20, 4096);

        public Limits {
            if (maxFileBytes < 0 || maxFileBytes > Integer.MAX_VALUE - 8 || maxDirEntries < 0) {
                throw new IllegalArgumentException("limits out of range: " + maxFileBytes + " bytes, " + maxDirEntries + " entries");
            }
        }
    }

    /** The process a reader was opened for, so a reused pid can be told apart. */
    private record Pin(Path procRoot, long pid, long startTime) {
    }

    private final LibC libc;
    private final int rootFd;
    private final ResolveStrategy strategy;
    private final Resolver resolver;
    private final OpenedFile files;
    private final Limits limits;
    private final Pin pin;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private SafeRootReader(LibC libc, LinuxAbi abi, int rootFd, ResolveStrategy strategy, Limits limits, Pin pin) {
        this.libc = libc;
        this.rootFd = rootFd;
        this.strategy = strategy;
        this.limits = limits;
        this.pin = pin;
        Resolver walk = new WalkResolver(libc, abi, rootFd);
        this.resolver = strategy == ResolveStrategy.OPENAT2 ? new Openat2Resolver(libc, abi, rootFd, walk) : walk;
        this.files = new OpenedFile(libc, abi);
    }

    /**
     * Opens {@code root} (a folder; the path itself is trusted and may be a link such as
     * {@code /proc/<pid>/root}) with the default limits and the best strategy this kernel allows.
     *
     * @throws IOException when the root cannot be opened or this architecture is not supported
     */
    public static SafeRootReader open(Path root) throws IOException {
        return open(root, Limits.DEFAULT);
    }

    /** Like {@link #open(Path)} with other limits. */
    public static SafeRootReader open(Path root, Limits limits) throws IOException {
        return open(root, limits, null, null);
    }

    /**
     * Opens the root of process {@code pid} ({@code <procRoot>/<pid>/root}) and remembers the process's
     * start time, so that {@link #stillSameProcess()} can tell when the pid now names another process.
     *
     * @throws IOException when there is no such process, its root cannot be opened (not permitted: reading
     *                     another user's root needs {@code CAP_SYS_PTRACE}), or the pid was reused meanwhile
     */
    public static SafeRootReader forPid(Path procRoot, long pid) throws IOException {
        return forPid(procRoot, pid, Limits.DEFAULT);
    }

    /** Like {@link #forPid(Path, long)} with other limits. */
    public static SafeRootReader forPid(Path procRoot, long pid, Limits limits) throws IOException {
        OptionalLong before = ProcessStart.of(procRoot, pid);
        if (before.isEmpty()) {
            throw new IOException("no process " + pid + " under " + procRoot);
        }
        Pin pin = new Pin(procRoot, pid, before.getAsLong());
        SafeRootReader reader = open(procRoot.resolve(Long.toString(pid)).resolve("root"), limits, null, pin);
        // Checked again after opening: had the pid been reused in between, the fd would be another process's root.
        if (!reader.stillSameProcess()) {
            reader.close();
            throw new IOException("process " + pid + " exited while its root was being opened");
        }
        return reader;
    }

    /**
     * Opens with a chosen strategy (tests run the escape suite against both).
     *
     * @param forced the strategy to use, or null for the best available; OPENAT2 where the kernel lacks it
     *               is an IOException
     */
    static SafeRootReader open(Path root, Limits limits, ResolveStrategy forced, Pin pin) throws IOException {
        LinuxAbi abi = LinuxAbi.forArch(System.getProperty("os.arch"))
                .orElseThrow(() -> new IOException("safe container reads are not supported on " + System.getProperty("os.arch")));
        LibC libc = Sys.libc();
        int rootFd;
        try {
            rootFd = libc.openat(LinuxAbi.AT_FDCWD, Sys.cString(root.toString()),
                    LinuxAbi.O_PATH | abi.oDirectory() | LinuxAbi.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("cannot open container root " + root + ": " + Errno.name(e.getErrorCode()), e);
        } catch (Refusal refusal) {
            throw new IOException("cannot open container root " + root + ": " + refusal.problem(), refusal);
        }
        boolean openat2 = Openat2Resolver.available(libc, abi, rootFd);
        if (forced == ResolveStrategy.OPENAT2 && !openat2) {
            Sys.close(libc, rootFd);
            throw new IOException("openat2 is not available on this kernel");
        }
        ResolveStrategy strategy = forced != null ? forced : openat2 ? ResolveStrategy.OPENAT2 : ResolveStrategy.WALK;
        return new SafeRootReader(libc, abi, rootFd, strategy, limits, pin);
    }

    /** How this reader keeps resolution inside the root. */
    public ResolveStrategy strategy() {
        return strategy;
    }

    /** The caps this reader applies. */
    public Limits limits() {
        return limits;
    }

    /**
     * Reads the regular file at {@code path} inside the root (absolute or relative, both from the root),
     * following symlinks as the container would, at most {@link Limits#maxFileBytes()} of it.
     */
    public SafeRead read(String path) {
        return withResolved(path, pathFd -> files.read(path, pathFd, limits.maxFileBytes()));
    }

    /**
     * Reads part of the regular file at {@code path}, resolved as {@link #read(String)} resolves it: at
     * most {@code length} bytes (and never more than {@link Limits#maxFileBytes()}) from {@code offset};
     * fewer at the end of the file, none past it. A negative offset or length is refused.
     */
    public SafeRead readAt(String path, long offset, int length) {
        if (offset < 0 || length < 0) {
            return SafeRead.failed(path, SafeStatus.UNREADABLE, "negative offset or length");
        }
        return withResolved(path, pathFd -> files.readAt(path, pathFd, offset,
                Math.min(length, limits.maxFileBytes())));
    }

    /** Resolves {@code path} inside the root and reads from the O_PATH descriptor it gives, under the read lock. */
    private SafeRead withResolved(String path, ReadFrom read) {
        lock.readLock().lock();
        try {
            if (closed) {
                return SafeRead.failed(path, SafeStatus.UNREADABLE, "the reader is closed");
            }
            int pathFd = resolver.openPath(path);
            try {
                return read.from(pathFd);
            } finally {
                Sys.close(libc, pathFd);
            }
        } catch (Refusal refusal) {
            return SafeRead.failed(path, refusal.status(), refusal.problem());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A read from a resolved path's O_PATH descriptor. */
    @FunctionalInterface
    private interface ReadFrom {
        SafeRead from(int pathFd) throws Refusal;
    }

    /** Lists the folder at {@code path} inside the root, at most {@link Limits#maxDirEntries()} names. */
    public SafeListing list(String path) {
        lock.readLock().lock();
        try {
            if (closed) {
                return SafeListing.failed(path, SafeStatus.UNREADABLE, "the reader is closed");
            }
            int pathFd = resolver.openPath(path);
            try {
                return files.list(path, pathFd, limits.maxDirEntries());
            } finally {
                Sys.close(libc, pathFd);
            }
        } catch (Refusal refusal) {
            return SafeListing.failed(path, refusal.status(), refusal.problem());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * For a reader from {@link #forPid}: whether the pid still names the process whose root was opened
     * (same start time). False once it exited, even if the pid was reused; what was read before stays
     * that process's. A reader opened on a folder has no process and always answers true.
     */
    public boolean stillSameProcess() {
        if (pin == null) {
            return true;
        }
        OptionalLong now = ProcessStart.of(pin.procRoot(), pin.pid());
        return now.isPresent() && now.getAsLong() == pin.startTime();
    }

    /** Closes the root fd; later reads answer {@link SafeStatus#UNREADABLE}. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                Sys.close(libc, rootFd);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
