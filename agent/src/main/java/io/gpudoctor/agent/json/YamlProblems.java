package io.gpudoctor.agent.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Says where and what is wrong with a YAML file, in one line a user can act on
 * ({@code gpus[0]: unknown key 'modle' ...}), instead of Jackson's messages, which name Java
 * classes and span lines.
 */
public final class YamlProblems {

    private YamlProblems() {
    }

    /**
     * {@code :LINE:COLUMN} of the problem, or empty where it is not known. The YAML parser marks a
     * syntax error itself. A bad value is placed at the token being read. An unknown key is only
     * reported once its whole mapping is read, so it is looked up in the text: its last
     * occurrence before that point. A mapping whose values contradict each other is named by its
     * path alone, since the parser is then already past it.
     */
    public static String position(JsonProcessingException e, JsonParser parser, String text) {
        Optional<MarkedYAMLException> syntax = syntaxError(e);
        if (syntax.isPresent() && syntax.get().getProblemMark() != null) {
            return ":" + (syntax.get().getProblemMark().getLine() + 1) + ":" + (syntax.get().getProblemMark().getColumn() + 1);
        }
        if (e instanceof ValueInstantiationException) {
            return "";
        }
        JsonLocation at = e instanceof JsonMappingException ? parser.currentTokenLocation() : e.getLocation();
        if (at == null || at.getLineNr() <= 0) {
            return "";
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return keyBefore(text, u.getPropertyName(), at.getLineNr()).orElse("");
        }
        return ":" + at.getLineNr() + ":" + at.getColumnNr();
    }

    private static Optional<String> keyBefore(String text, String key, int lastLine) {
        Pattern keyPattern = Pattern.compile("(?:^|[\\s{,])(['\"]?" + Pattern.quote(key) + "['\"]?)\\s*:");
        List<String> lines = text.lines().toList();
        for (int line = Math.min(lastLine, lines.size()); line >= 1; line--) {
            Matcher m = keyPattern.matcher(lines.get(line - 1));
            if (m.find()) {
                return Optional.of(":" + line + ":" + (m.start(1) + 1));
            }
        }
        return Optional.empty();
    }

    /** {@code PATH: PROBLEM}, where PATH is the key (such as {@code gpus[0].model}) when known. */
    public static String describe(JsonProcessingException e) {
        Optional<MarkedYAMLException> syntax = syntaxError(e);
        if (syntax.isPresent()) {
            return "not valid YAML: " + oneLine(syntax.get().getProblem());
        }
        StringBuilder out = new StringBuilder();
        if (e instanceof JsonMappingException m) {
            String path = path(m.getPath());
            if (!path.isEmpty()) {
                out.append(path).append(": ");
            }
        }
        return out.append(problem(e)).toString();
    }

    private static String problem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            return "unknown key '" + u.getPropertyName() + "'; known keys here: " + known;
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return oneLine(v.getCause().getMessage());
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> type = f.getTargetType();
            if (type != null && type.isEnum()) {
                return "'" + f.getValue() + "' is not one of " + List.of(type.getEnumConstants());
            }
            return "'" + f.getValue() + "' is not " + article(type);
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null
                && m.getOriginalMessage().startsWith("Cannot ")) {
            return "expected " + article(m.getTargetType());
        }
        String message = oneLine(e.getOriginalMessage());
        return message.startsWith("Duplicate field ") ? "duplicate key " + message.substring("Duplicate field ".length()) : message;
    }

    /** SnakeYAML's own error, which says what it expected where, under Jackson's wrapping. */
    private static Optional<MarkedYAMLException> syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked) {
                return Optional.of(marked);
            }
        }
        return Optional.empty();
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(r.getFieldName());
            }
        }
        return out.toString();
    }

    private static String article(Class<?> type) {
        if (type == null) {
            return "a value of the right kind";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (List.class.isAssignableFrom(type) || java.util.Set.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping";
    }

    private static String oneLine(String message) {
        return Objects.requireNonNullElse(message, "unreadable").replaceAll("\\s+", " ").trim();
    }
}
