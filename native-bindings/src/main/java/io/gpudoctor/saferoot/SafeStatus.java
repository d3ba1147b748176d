package io.gpudoctor.saferoot;

/** What became of one read or listing inside a container root. Only {@link #OK} carries the whole content. */
public enum SafeStatus {
    /** Read or listed in full. */
    OK,
    /** Nothing by that name inside the root (or a component on the way is not a folder). */
    MISSING,
    /** Exists but is no regular file (a FIFO, socket, device or folder), so it is never opened for reading. */
    NOT_REGULAR,
    /** Exists but is no folder, so it cannot be listed. */
    NOT_DIRECTORY,
    /** The way to it goes through a /proc magic link or would cross out of the root; refused, not followed. */
    ESCAPE_REFUSED,
    /** Larger than the cap: the content holds the first cap bytes (or entries) only. */
    TOO_LARGE,
    /** More than 40 symlinks on the way: a loop, or a chain built to keep the reader busy. */
    LOOP,
    /** Exists but could not be read: permissions, an I/O error, a reader already closed. */
    UNREADABLE
}
