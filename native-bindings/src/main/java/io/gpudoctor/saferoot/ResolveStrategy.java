package io.gpudoctor.saferoot;

/** How a {@link SafeRootReader} keeps path resolution inside the root. */
public enum ResolveStrategy {
    /** The kernel does it: {@code openat2} with {@code RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS} (Linux 5.6+). */
    OPENAT2,
    /**
     * The reader does it, one component at a time with {@code O_PATH | O_NOFOLLOW}, for kernels or
     * seccomp filters without {@code openat2}.
     */
    WALK
}
