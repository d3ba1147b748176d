package io.gpudoctor.saferoot;

import io.gpudoctor.libc.LibC;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * Lets the kernel keep resolution inside the root: {@code RESOLVE_IN_ROOT} treats the root fd as
 * {@code /} for absolute links and {@code ..}, {@code RESOLVE_NO_MAGICLINKS} refuses /proc links such
 * as {@code /proc/self/root}, which would jump anywhere.
 */
final class Openat2Resolver implements Resolver {

    /** openat2 gives EAGAIN when a rename raced with a {@code ..} lookup; a few retries settle it. */
    private static final int RETRIES = 16;

    private static final long FLAGS = LinuxAbi.O_PATH | LinuxAbi.O_CLOEXEC;
    private static final long RESOLVE = LinuxAbi.RESOLVE_IN_ROOT | LinuxAbi.RESOLVE_NO_MAGICLINKS;

    private final LibC libc;
    private final LinuxAbi abi;
    private final int rootFd;
    /** Only asked, after the kernel said ELOOP, whether a magic link or a loop was the reason. */
    private final Resolver classifier;

    Openat2Resolver(LibC libc, LinuxAbi abi, int rootFd, Resolver classifier) {
        this.libc = libc;
        this.abi = abi;
        this.rootFd = rootFd;
        this.classifier = classifier;
    }

    /** Whether this kernel (and seccomp filter) lets openat2 with these flags through. */
    static boolean available(LibC libc, LinuxAbi abi, int rootFd) {
        try {
            Sys.close(libc, (int) libc.syscall(abi.sysOpenat2(), rootFd, new byte[] {'.', 0},
                    Sys.openHow(FLAGS, RESOLVE), LinuxAbi.OPEN_HOW_SIZE));
            return true;
        } catch (LastErrorException e) {
            // ENOSYS: kernel before 5.6; EPERM/ENOSYS: a seccomp filter; EINVAL/E2BIG: flags it does not know.
            return false;
        }
    }

    @Override
    public int openPath(String path) throws Refusal {
        byte[] cPath = Sys.cString(path.isEmpty() ? "." : path);
        Memory how = Sys.openHow(FLAGS, RESOLVE);
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            try {
                return (int) libc.syscall(abi.sysOpenat2(), rootFd, cPath, how, LinuxAbi.OPEN_HOW_SIZE);
            } catch (LastErrorException e) {
                int errno = e.getErrorCode();
                if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
                    continue;
                }
                throw errno == Errno.ELOOP ? classifyLoop(path) : Refusal.fromErrno(errno, path);
            }
        }
        throw new Refusal(SafeStatus.UNREADABLE, path + ": resolution kept racing with renames in the container");
    }

    /**
     * The kernel says ELOOP both for a magic link and for a loop; the walk, which never follows a
     * magic link, tells them apart.
     */
    private Refusal classifyLoop(String path) {
        try {
            Sys.close(libc, classifier.openPath(path));
        } catch (Refusal refusal) {
            if (refusal.status() == SafeStatus.ESCAPE_REFUSED) {
                return refusal;
            }
        }
        return Refusal.fromErrno(Errno.ELOOP, path);
    }
}
