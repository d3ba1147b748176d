package io.gpudoctor.saferoot;

/** The errno values this package reacts to (asm-generic, identical on x86_64 and arm64). */
final class Errno {

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EXDEV = 18;
    static final int ENOTDIR = 20;
    static final int EINVAL = 22;
    static final int ENAMETOOLONG = 36;
    static final int ENOSYS = 38;
    static final int ELOOP = 40;

    private Errno() {
    }

    static String name(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM (operation not permitted)";
            case ENOENT -> "ENOENT (no such file)";
            case EACCES -> "EACCES (permission denied)";
            case EINVAL -> "EINVAL (invalid argument)";
            case ENAMETOOLONG -> "ENAMETOOLONG (name too long)";
            case ENOSYS -> "ENOSYS (not implemented by this kernel)";
            default -> "errno " + errno;
        };
    }
}
