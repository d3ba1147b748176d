package io.gpudoctor.agent.host.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads typed values out of a parsed configuration tree and remembers every value of the wrong
 * type as a problem: the engine rejects {@code "cdi": "true"} (a string) at start-up, so it is an
 * invalid configuration, not a missing key.
 */
public final class TypedValues {

    private final String path;
    private final List<ConfigProblem> problems = new ArrayList<>();

    public TypedValues(String path) {
        this.path = path;
    }

    /** A string value; {@code key} names it in a problem ({@code runtimes.nvidia.path}). */
    public Optional<String> string(JsonNode node, String key) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            wrongType(key, "a string", node);
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    public Optional<Boolean> bool(JsonNode node, String key) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            wrongType(key, "true or false", node);
            return Optional.empty();
        }
        return Optional.of(node.asBoolean());
    }

    public Optional<Long> integer(JsonNode node, String key) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber()) {
            wrongType(key, "an integer", node);
            return Optional.empty();
        }
        return Optional.of(node.asLong());
    }

    /** A list of strings; entries of other types are problems and skipped. */
    public List<String> strings(JsonNode node, String key) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            wrongType(key, "a list of strings", node);
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode entry : node) {
            if (entry.isTextual()) {
                values.add(entry.asText());
            } else {
                wrongType(key + "[]", "a string", entry);
            }
        }
        return values;
    }

    /** A table (TOML) or object (JSON); anything else is a problem and reads as empty. */
    public Optional<JsonNode> table(JsonNode node, String key) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            wrongType(key, "a table", node);
            return Optional.empty();
        }
        return Optional.of(node);
    }

    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    private void wrongType(String key, String expected, JsonNode actual) {
        problems.add(new ConfigProblem(path, key + " must be " + expected + ", found " + shortly(actual)));
    }

    private static String shortly(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
