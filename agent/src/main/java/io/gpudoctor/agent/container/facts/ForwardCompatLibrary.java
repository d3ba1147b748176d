package io.gpudoctor.agent.container.facts;

import java.util.Objects;

/**
 * A forward-compat {@code libcuda.so.*} in a container's image.
 *
 * @param file the file, with the driver version from its name
 * @param note its ELF compatibility note, or why it could not be read
 */
public record ForwardCompatLibrary(DriverLibraryFile file, Fact<ForwardCompatNote> note) {

    public ForwardCompatLibrary {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(note, "note");
    }
}
