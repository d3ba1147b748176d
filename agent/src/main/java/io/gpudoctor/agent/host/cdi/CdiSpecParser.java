package io.gpudoctor.agent.host.cdi;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a CDI spec file, YAML or JSON (the YAML parser reads both), into a {@link CdiSpec}
 * plus the rules it breaks. Never throws: whatever the bytes, the answer is a {@link CdiSpecFile}.
 *
 * <p>The text is read twice: once as a token stream, to learn the line of each key (a tree
 * keeps no positions, and a user needs the line to fix the file), then as a tree.
 */
final class CdiSpecParser {

    private static final ObjectMapper YAML = new YAMLMapper();

    /** Keys deeper than this get their nearest ancestor's line; it keeps the position map small. */
    private static final int POSITION_DEPTH = 4;
    private static final int MAX_POSITIONS = 200_000;
    private static final int MAX_MESSAGE = 160;

    private CdiSpecParser() {
    }

    /** @param path the host path, kept in the result for evidence */
    public static CdiSpecFile parse(String path, String text) {
        if (text.isBlank()) {
            return invalid(path, new CdiProblem(0, "the file is empty"));
        }
        Map<String, Integer> lines = new HashMap<>();
        JsonNode root;
        try {
            recordLines(text, lines);
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            return invalid(path, new CdiProblem(lineOf(e), "not valid YAML or JSON: " + firstLine(e.getOriginalMessage())));
        } catch (IOException | RuntimeException e) {
            // SnakeYAML limits (nesting, aliases, size) surface as unchecked exceptions
            return invalid(path, new CdiProblem(0, "not valid YAML or JSON: " + firstLine(e.getMessage())));
        }
        if (root == null || !root.isObject()) {
            return invalid(path, new CdiProblem(1, "the file is not a mapping of cdiVersion, kind, devices"));
        }
        SpecTree tree = new SpecTree(lines);
        CdiSpec spec = tree.spec(root);
        List<CdiProblem> problems = new ArrayList<>(tree.problems());
        problems.addAll(CdiSpecRules.check(path, spec, tree.lineOf("/kind"), tree.lineOf("/cdiVersion"),
                tree.lineOf("/devices")));
        return new CdiSpecFile(path, Optional.of(spec), problems, Optional.empty());
    }

    private static CdiSpecFile invalid(String path, CdiProblem problem) {
        return new CdiSpecFile(path, Optional.empty(), List.of(problem), Optional.empty());
    }

    private static void recordLines(String text, Map<String, Integer> lines) throws IOException {
        try (JsonParser parser = YAML.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                if (token.isStructEnd() || lines.size() >= MAX_POSITIONS || depth(pointer) > POSITION_DEPTH) {
                    continue;
                }
                JsonLocation at = parser.currentTokenLocation();
                if (at != null && at.getLineNr() > 0) {
                    lines.putIfAbsent(pointer, at.getLineNr());
                }
            }
        }
    }

    private static int depth(String pointer) {
        return (int) pointer.chars().filter(c -> c == '/').count();
    }

    private static int lineOf(JacksonException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 0 ? 0 : at.getLineNr();
    }

    /** One printable line of a parser message: they span lines and may quote binary input. */
    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable content";
        }
        String line = message.strip().lines().findFirst().orElse("").replaceAll("[^\\x20-\\x7e]", "?");
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "..." : line;
    }
}
