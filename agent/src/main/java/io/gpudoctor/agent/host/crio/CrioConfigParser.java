package io.gpudoctor.agent.host.crio;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpudoctor.agent.host.runtime.Documents;
import io.gpudoctor.agent.host.runtime.ParseResult;
import io.gpudoctor.agent.host.runtime.ParsedDocument;
import io.gpudoctor.agent.host.runtime.TypedValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pure parser of one CRI-O config file ({@code crio.conf} or a drop-in). */
public final class CrioConfigParser {

    private CrioConfigParser() {
    }

    public static ParseResult<CrioConfig> parse(String path, String text) {
        ParsedDocument document = Documents.toml(path, text);
        if (document.tree().isEmpty()) {
            return ParseResult.failed(document.problem().stream().toList());
        }
        TypedValues values = new TypedValues(path);
        JsonNode runtime = document.tree().get().path("crio").path("runtime");
        Map<String, CrioRuntime> runtimes = new LinkedHashMap<>();
        values.table(runtime.path("runtimes"), "crio.runtime.runtimes").ifPresent(table -> {
            List<String> names = new ArrayList<>();
            table.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String key = "crio.runtime.runtimes." + name;
                values.table(table.path(name), key).ifPresent(entry -> runtimes.put(name, new CrioRuntime(name,
                        values.string(entry.path("runtime_path"), key + ".runtime_path"),
                        values.string(entry.path("runtime_type"), key + ".runtime_type"))));
            }
        });
        CrioConfig config = new CrioConfig(runtimes,
                values.string(runtime.path("default_runtime"), "crio.runtime.default_runtime"),
                values.string(runtime.path("cgroup_manager"), "crio.runtime.cgroup_manager"),
                runtime.has("cdi_spec_dirs")
                        ? Optional.of(values.strings(runtime.path("cdi_spec_dirs"), "crio.runtime.cdi_spec_dirs"))
                        : Optional.empty(),
                runtime.has("hooks_dir")
                        ? Optional.of(values.strings(runtime.path("hooks_dir"), "crio.runtime.hooks_dir"))
                        : Optional.empty());
        return ParseResult.of(config, values.problems());
    }
}
