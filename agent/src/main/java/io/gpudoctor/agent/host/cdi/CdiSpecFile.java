package io.gpudoctor.agent.host.cdi;

import java.util.List;
import java.util.Optional;

/**
 * One file found in a CDI spec folder, and what became of it.
 *
 * @param spec        the spec when the file could be parsed into one, even if it breaks a rule
 * @param problems    the rules it breaks; a runtime's CDI cache refuses the whole file for any of them
 * @param readProblem why the file could not be read (too large, unreadable); empty when it was read
 */
public record CdiSpecFile(String path, Optional<CdiSpec> spec, List<CdiProblem> problems,
                          Optional<String> readProblem) {

    public CdiSpecFile {
        problems = List.copyOf(problems);
    }

    static CdiSpecFile unread(String path, String why) {
        return new CdiSpecFile(path, Optional.empty(), List.of(), Optional.of(why));
    }

    /** Whether a runtime would accept it: read, parsed, and breaking no rule. */
    public boolean valid() {
        return readProblem.isEmpty() && spec.isPresent() && problems.isEmpty();
    }

    /** The file's name without its folder. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
