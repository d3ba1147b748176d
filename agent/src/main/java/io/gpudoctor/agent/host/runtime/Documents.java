package io.gpudoctor.agent.host.runtime;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.gpudoctor.agent.json.Json;

/**
 * Pure parsers of the two formats the engines use, TOML (toolkit, containerd, CRI-O) and JSON
 * (Docker). Parse errors carry the line and column Jackson reports, because "line 12" is what
 * lets an operator find the stray quote.
 */
public final class Documents {

    private static final TomlMapper TOML = new TomlMapper();

    private Documents() {
    }

    /** Parses TOML text; {@code path} only names the file in a problem. */
    public static ParsedDocument toml(String path, String text) {
        return parse(TOML, path, text);
    }

    /** Parses JSON text; {@code path} only names the file in a problem. */
    public static ParsedDocument json(String path, String text) {
        return parse(Json.mapper(), path, text);
    }

    private static ParsedDocument parse(ObjectMapper mapper, String path, String text) {
        if (text.isBlank()) {
            return ParsedDocument.of(JsonNodeFactory.instance.objectNode());
        }
        try {
            // Both engines reject text after the document, so Jackson must not stop at the first value.
            JsonNode tree = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
            if (tree == null || tree.isMissingNode()) {
                return ParsedDocument.of(JsonNodeFactory.instance.objectNode());
            }
            return ParsedDocument.of(tree);
        } catch (JacksonException e) {
            return ParsedDocument.failed(new ConfigProblem(path, describe(e)));
        } catch (RuntimeException e) {
            // A parser defect on hostile input must not end the diagnosis; report it like a syntax error.
            return ParsedDocument.failed(new ConfigProblem(path, "cannot be parsed: " + e.getClass().getSimpleName()));
        }
    }

    static String describe(JacksonException e) {
        String message = e.getOriginalMessage() == null ? "syntax error" : firstLine(e.getOriginalMessage());
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return message;
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": " + message;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
