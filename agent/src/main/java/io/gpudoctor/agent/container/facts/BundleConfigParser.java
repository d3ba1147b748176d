package io.gpudoctor.agent.container.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Parses an OCI bundle's {@code config.json} into {@link BundleFacts}: device paths, the three
 * creation-time hook stages and {@code cdi.k8s.io/} annotations. Fields of the wrong type are
 * skipped. A pure function.
 */
final class BundleConfigParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STAGES = List.of("prestart", "createRuntime", "createContainer");
    private static final String CDI_PREFIX = "cdi.k8s.io/";
    private static final List<String> HANDLER_ANNOTATIONS = List.of("io.kubernetes.cri.runtime-handler",
            "io.kubernetes.cri-o.RuntimeHandler");

    private BundleConfigParser() {
    }

    /** The facts, or why there are none (not JSON, not an object). */
    public static Fact<BundleFacts> parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return Fact.unknown("config.json is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            return Fact.unknown("config.json is not a JSON object");
        }
        return Fact.known(new BundleFacts(devices(root), hooks(root), cdiAnnotations(root), runtimeHandler(root)));
    }

    private static List<String> devices(JsonNode root) {
        List<String> paths = new ArrayList<>();
        for (JsonNode device : root.path("linux").path("devices")) {
            JsonNode path = device.path("path");
            if (path.isTextual()) {
                paths.add(path.asText());
            }
        }
        return paths;
    }

    private static List<OciHook> hooks(JsonNode root) {
        List<OciHook> hooks = new ArrayList<>();
        for (String stage : STAGES) {
            for (JsonNode hook : root.path("hooks").path(stage)) {
                JsonNode path = hook.path("path");
                if (path.isTextual()) {
                    hooks.add(new OciHook(stage, path.asText(), texts(hook.path("args"))));
                }
            }
        }
        return hooks;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : array) {
            if (item.isTextual()) {
                texts.add(item.asText());
            }
        }
        return texts;
    }

    private static Optional<String> runtimeHandler(JsonNode root) {
        JsonNode annotations = root.path("annotations");
        for (String key : HANDLER_ANNOTATIONS) {
            JsonNode value = annotations.path(key);
            if (value.isTextual() && !value.asText().isBlank()) {
                return Optional.of(value.asText());
            }
        }
        return Optional.empty();
    }

    private static SortedMap<String, String> cdiAnnotations(JsonNode root) {
        SortedMap<String, String> kept = new TreeMap<>();
        JsonNode annotations = root.path("annotations");
        for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) annotations::fields) {
            if (entry.getKey().startsWith(CDI_PREFIX) && entry.getValue().isTextual()) {
                kept.put(entry.getKey(), entry.getValue().asText());
            }
        }
        return kept;
    }
}
