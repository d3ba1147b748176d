package io.gpudoctor.agent.host.containerd;

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

/**
 * Pure parser of one containerd config file. Versions 1, 2 and 3 keep the CRI runtimes under
 * different plugin ids ({@code cri}, {@code io.containerd.grpc.v1.cri},
 * {@code io.containerd.cri.v1.runtime}); all three are read so that a runtime under the wrong id
 * can be named instead of reported as absent.
 */
public final class ContainerdConfigParser {

    static final List<String> PLUGIN_IDS = List.of("cri", "io.containerd.grpc.v1.cri", "io.containerd.cri.v1.runtime");

    private ContainerdConfigParser() {
    }

    public static ParseResult<ContainerdConfig> parse(String path, String text) {
        ParsedDocument document = Documents.toml(path, text);
        if (document.tree().isEmpty()) {
            return ParseResult.failed(document.problem().stream().toList());
        }
        JsonNode root = document.tree().get();
        TypedValues values = new TypedValues(path);
        long declared = values.integer(root.path("version"), "version").orElse(1L);
        List<ConfigProblem> problems = new ArrayList<>();
        if (declared < 1 || declared > 3) {
            problems.add(new ConfigProblem(path, "version = " + declared + " is not a containerd config version (1, 2 or 3)"));
        }
        int version = (int) Math.max(1, Math.min(3, declared));
        String ownId = ContainerdConfig.criPluginId(version);
        Map<String, ContainerdRuntime> runtimes = new LinkedHashMap<>();
        List<ContainerdRuntime> misplaced = new ArrayList<>();
        JsonNode plugins = values.table(root.path("plugins"), "plugins").orElse(root.path("plugins"));
        for (String pluginId : PLUGIN_IDS) {
            for (ContainerdRuntime runtime : runtimes(values, pluginId, plugins.path(pluginId))) {
                if (pluginId.equals(ownId)) {
                    runtimes.put(runtime.name(), runtime);
                } else {
                    misplaced.add(runtime);
                }
            }
        }
        JsonNode cri = plugins.path(ownId);
        ContainerdConfig config = new ContainerdConfig(version,
                values.strings(root.path("imports"), "imports"),
                root.has("disabled_plugins")
                        ? Optional.of(values.strings(root.path("disabled_plugins"), "disabled_plugins"))
                        : Optional.empty(),
                runtimes, misplaced,
                values.bool(cri.path("enable_cdi"), key(ownId, "enable_cdi")),
                values.string(cri.path("containerd").path("default_runtime_name"),
                        key(ownId, "containerd.default_runtime_name")));
        problems.addAll(values.problems());
        return ParseResult.of(config, problems);
    }

    private static List<ContainerdRuntime> runtimes(TypedValues values, String pluginId, JsonNode plugin) {
        String prefix = key(pluginId, "containerd.runtimes");
        Optional<JsonNode> table = values.table(plugin.path("containerd").path("runtimes"), prefix);
        if (table.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        table.get().fieldNames().forEachRemaining(names::add);
        List<ContainerdRuntime> runtimes = new ArrayList<>();
        for (String name : names) {
            String key = prefix + "." + name;
            Optional<JsonNode> entry = values.table(table.get().path(name), key);
            if (entry.isEmpty()) {
                continue;
            }
            JsonNode options = entry.get().path("options");
            runtimes.add(new ContainerdRuntime(name, pluginId,
                    values.string(entry.get().path("runtime_type"), key + ".runtime_type"),
                    values.string(options.path("BinaryName"), key + ".options.BinaryName"),
                    values.bool(options.path("SystemdCgroup"), key + ".options.SystemdCgroup")));
        }
        return runtimes;
    }

    private static String key(String pluginId, String rest) {
        return "plugins.\"" + pluginId + "\"." + rest;
    }
}
