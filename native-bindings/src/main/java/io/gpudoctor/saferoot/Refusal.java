package io.gpudoctor.saferoot;

/**
 * Why a path was not opened. Internal only: {@link SafeRootReader} turns it into a {@link SafeRead} or
 * {@link SafeListing} value, so no caller ever catches it.
 */
final class Refusal extends Exception {

    private final SafeStatus status;

    Refusal(SafeStatus status, String problem) {
        super(problem, null, false, false);
        this.status = status;
    }

    SafeStatus status() {
        return status;
    }

    String problem() {
        return getMessage();
    }

    /** The status an errno from opening {@code what} means. */
    static Refusal fromErrno(int errno, String what) {
        return switch (errno) {
            case Errno.ENOENT -> new Refusal(SafeStatus.MISSING, what + " does not exist in the container");
            case Errno.ENOTDIR -> new Refusal(SafeStatus.MISSING, what + " leads through something that is not a folder");
            case Errno.ELOOP -> new Refusal(SafeStatus.LOOP, what + ": more than 40 symlinks (a loop)");
            case Errno.EXDEV -> new Refusal(SafeStatus.ESCAPE_REFUSED, what + " would leave the container root");
            default -> new Refusal(SafeStatus.UNREADABLE, "cannot open " + what + ": " + Errno.name(errno));
        };
    }
}
