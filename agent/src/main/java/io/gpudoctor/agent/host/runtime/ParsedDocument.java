package io.gpudoctor.agent.host.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A configuration file parsed into a tree, or the problem that stopped the parser. An empty file
 * is an empty tree: every engine reads it as "all defaults".
 */
public record ParsedDocument(Optional<JsonNode> tree, Optional<ConfigProblem> problem) {

    public static ParsedDocument of(JsonNode tree) {
        return new ParsedDocument(Optional.of(tree), Optional.empty());
    }

    public static ParsedDocument failed(ConfigProblem problem) {
        return new ParsedDocument(Optional.empty(), Optional.of(problem));
    }
}
