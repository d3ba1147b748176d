package io.gpudoctor.agent.host.toolkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.gpudoctor.agent.host.runtime.Documents;
import io.gpudoctor.agent.host.runtime.ParseResult;
import io.gpudoctor.agent.host.runtime.ParsedDocument;
import io.gpudoctor.agent.host.runtime.TypedValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure parser of the toolkit's {@code config.toml}. */
public final class ToolkitConfigParser {

    private ToolkitConfigParser() {
    }

    /** Parses {@code text}; {@code path} names the file in problems. */
    public static ParseResult<ToolkitConfig> parse(String path, String text) {
        ParsedDocument document = Documents.toml(path, text);
        if (document.tree().isEmpty()) {
            return ParseResult.failed(document.problem().stream().toList());
        }
        JsonNode root = document.tree().get();
        TypedValues values = new TypedValues(path);
        JsonNode cli = values.table(root.path("nvidia-container-cli"), "nvidia-container-cli").orElse(missing());
        JsonNode runtime = values.table(root.path("nvidia-container-runtime"), "nvidia-container-runtime")
                .orElse(missing());
        JsonNode modes = runtime.path("modes");
        JsonNode hook = root.path("nvidia-container-runtime-hook");
        ToolkitConfig config = new ToolkitConfig(
                values.bool(root.path("accept-nvidia-visible-devices-envvar-when-unprivileged"),
                        "accept-nvidia-visible-devices-envvar-when-unprivileged"),
                values.bool(root.path("accept-nvidia-visible-devices-as-volume-mounts"),
                        "accept-nvidia-visible-devices-as-volume-mounts"),
                values.bool(root.path("disable-require"), "disable-require"),
                values.string(root.path("supported-driver-capabilities"), "supported-driver-capabilities"),
                values.string(root.path("swarm-resource"), "swarm-resource"),
                new ToolkitConfig.Cli(
                        values.string(cli.path("ldconfig"), "nvidia-container-cli.ldconfig"),
                        values.string(cli.path("ldcache"), "nvidia-container-cli.ldcache"),
                        values.bool(cli.path("load-kmods"), "nvidia-container-cli.load-kmods"),
                        values.bool(cli.path("no-cgroups"), "nvidia-container-cli.no-cgroups"),
                        values.string(cli.path("root"), "nvidia-container-cli.root"),
                        values.string(cli.path("path"), "nvidia-container-cli.path"),
                        values.string(cli.path("user"), "nvidia-container-cli.user"),
                        values.string(cli.path("debug"), "nvidia-container-cli.debug"),
                        values.strings(cli.path("environment"), "nvidia-container-cli.environment")),
                new ToolkitConfig.Runtime(
                        values.string(runtime.path("mode"), "nvidia-container-runtime.mode"),
                        values.string(runtime.path("log-level"), "nvidia-container-runtime.log-level"),
                        values.string(runtime.path("debug"), "nvidia-container-runtime.debug"),
                        values.strings(runtime.path("runtimes"), "nvidia-container-runtime.runtimes"),
                        values.strings(modes.path("cdi").path("spec-dirs"), "modes.cdi.spec-dirs"),
                        values.string(modes.path("cdi").path("default-kind"), "modes.cdi.default-kind"),
                        values.strings(modes.path("cdi").path("annotation-prefixes"), "modes.cdi.annotation-prefixes"),
                        values.string(modes.path("csv").path("mount-spec-path"), "modes.csv.mount-spec-path"),
                        values.string(modes.path("legacy").path("cuda-compat-mode"), "modes.legacy.cuda-compat-mode"),
                        values.string(hook.path("path"), "nvidia-container-runtime-hook.path"),
                        values.bool(hook.path("skip-mode-detection"), "nvidia-container-runtime-hook.skip-mode-detection"),
                        values.string(root.path("nvidia-ctk").path("path"), "nvidia-ctk.path")),
                features(values, root.path("features")));
        return ParseResult.of(config, values.problems());
    }

    private static Map<String, Boolean> features(TypedValues values, JsonNode table) {
        Map<String, Boolean> features = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        values.table(table, "features").ifPresent(node -> node.fieldNames().forEachRemaining(names::add));
        for (String name : names) {
            values.bool(table.path(name), "features." + name).ifPresent(on -> features.put(name, on));
        }
        return features;
    }

    private static JsonNode missing() {
        return MissingNode.getInstance();
    }
}
