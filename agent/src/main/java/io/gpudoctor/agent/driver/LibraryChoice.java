package io.gpudoctor.agent.driver;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code --nvml.library} / {@code --cuda.library} asked for: search the root (the default),
 * load no library ({@code none}), or load this file.
 */
public record LibraryChoice(Kind kind, Optional<Path> path) {

    /** How the library is to be found. */
    public enum Kind { SEARCH, NONE, PATH }

    public static final LibraryChoice SEARCH = new LibraryChoice(Kind.SEARCH, Optional.empty());

    /** Parses the flag's value; an absent or blank value means search. */
    public static LibraryChoice parse(String value) {
        if (value == null || value.isBlank()) {
            return SEARCH;
        }
        if (value.equals("none")) {
            return new LibraryChoice(Kind.NONE, Optional.empty());
        }
        return new LibraryChoice(Kind.PATH, Optional.of(Path.of(value)));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case SEARCH -> "search";
            case NONE -> "none";
            case PATH -> path.map(Path::toString).orElse("");
        };
    }
}
