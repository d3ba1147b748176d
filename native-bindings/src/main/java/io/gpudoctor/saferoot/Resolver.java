package io.gpudoctor.saferoot;

/** Turns a path inside the root into an {@code O_PATH} fd of what it names, never of anything outside. */
interface Resolver {

    /**
     * Resolves {@code path} (absolute or relative, both taken from the root) following symlinks the way
     * the container would see them.
     *
     * @return an {@code O_PATH | O_CLOEXEC} fd the caller must close; it is never a symlink
     * @throws Refusal when nothing safe can be opened
     */
    int openPath(String path) throws Refusal;
}
