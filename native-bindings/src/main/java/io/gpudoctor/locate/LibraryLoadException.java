package io.gpudoctor.locate;

import java.nio.file.Path;

/** A driver library that exists but cannot be loaded (wrong architecture, missing symbol, not a library). */
public final class LibraryLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public LibraryLoadException(Path path, String reason, Throwable cause) {
        super("not loadable: " + path + ": " + reason, cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
