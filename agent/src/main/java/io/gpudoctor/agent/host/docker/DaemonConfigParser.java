package io.gpudoctor.agent.host.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpudoctor.agent.host.runtime.ConfigProblem;
import io.gpudoctor.agent.host.runtime.Documents;
import io.gpudoctor.agent.host.runtime.ParseResult;
import io.gpudoctor.agent.host.runtime.ParsedDocument;
import io.gpudoctor.agent.host.runtime.TypedValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pure parser of Docker's {@code daemon.json}. */
public final class DaemonConfigParser {

    private DaemonConfigParser() {
    }

    /** Parses {@code text}; {@code path} names the file in problems. */
    public static ParseResult<DaemonConfig> parse(String path, String text) {
        ParsedDocument document = Documents.json(path, text);
        if (document.tree().isEmpty()) {
            return ParseResult.failed(document.problem().stream().toList());
        }
        JsonNode root = document.tree().get();
        if (!root.isObject()) {
            return ParseResult.failed(List.of(new ConfigProblem(path, "must be a JSON object, found " + root.getNodeType())));
        }
        TypedValues values = new TypedValues(path);
        Map<String, Optional<String>> runtimes = new LinkedHashMap<>();
        values.table(root.path("runtimes"), "runtimes").ifPresent(table -> {
            List<String> names = new ArrayList<>();
            table.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String key = "runtimes." + name;
                values.table(table.path(name), key).ifPresent(entry -> {
                    runtimes.put(name, values.string(entry.path("path"), key + ".path"));
                    values.strings(entry.path("runtimeArgs"), key + ".runtimeArgs");
                });
            }
        });
        Optional<Boolean> cdi = values.table(root.path("features"), "features")
                .flatMap(features -> values.bool(features.path("cdi"), "features.cdi"));
        DaemonConfig config = new DaemonConfig(runtimes,
                values.string(root.path("default-runtime"), "default-runtime"),
                cdi,
                values.strings(root.path("exec-opts"), "exec-opts"));
        return ParseResult.of(config, values.problems());
    }
}
