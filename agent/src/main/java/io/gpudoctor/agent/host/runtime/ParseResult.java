package io.gpudoctor.agent.host.runtime;

import java.util.List;
import java.util.Optional;

/**
 * What a configuration parser made of a file: the configuration (possibly partial, when only
 * some values had the wrong type) and every problem found. No value means the syntax was broken.
 */
public record ParseResult<T>(Optional<T> value, List<ConfigProblem> problems) {

    public ParseResult {
        problems = List.copyOf(problems);
    }

    public static <T> ParseResult<T> of(T value, List<ConfigProblem> problems) {
        return new ParseResult<>(Optional.of(value), problems);
    }

    public static <T> ParseResult<T> failed(List<ConfigProblem> problems) {
        return new ParseResult<>(Optional.empty(), problems);
    }
}
