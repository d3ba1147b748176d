package io.gpudoctor.agent.host.cdi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a parsed tree into a {@link CdiSpec}, noting every value of the wrong shape (a list
 * where a mapping belongs) as a problem with its line: a runtime's strict decoder refuses those
 * files, so they are invalid, not silently skipped.
 */
final class SpecTree {

    private final Map<String, Integer> lines;
    private final List<CdiProblem> problems = new ArrayList<>();

    SpecTree(Map<String, Integer> lines) {
        this.lines = lines;
    }

    List<CdiProblem> problems() {
        return List.copyOf(problems);
    }

    CdiSpec spec(JsonNode root) {
        List<CdiSpec.Device> devices = new ArrayList<>();
        List<JsonNode> entries = list(root, "devices", "");
        for (int i = 0; i < entries.size(); i++) {
            String at = "/devices/" + i;
            JsonNode entry = entries.get(i);
            if (!entry.isObject()) {
                problem(at, "devices[" + i + "] is not a mapping");
                continue;
            }
            devices.add(new CdiSpec.Device(text(entry, "name", at).orElse(""), lineOf(at + "/name"),
                    edits(entry.get("containerEdits"), at + "/containerEdits")));
        }
        return new CdiSpec(text(root, "cdiVersion", "").orElse(""), text(root, "kind", "").orElse(""), devices,
                edits(root.get("containerEdits"), "/containerEdits"));
    }

    /** The line of the key at this JSON pointer, or of its nearest ancestor that has one. */
    int lineOf(String pointer) {
        for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
        }
    }

    private CdiContainerEdits edits(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return CdiContainerEdits.NONE;
        }
        if (!node.isObject()) {
            problem(at, name(at) + " is not a mapping");
            return CdiContainerEdits.NONE;
        }
        List<String> env = texts(list(node, "env", at), at + "/env");
        List<CdiContainerEdits.DeviceNode> nodes = new ArrayList<>();
        for (JsonNode n : objects(node, "deviceNodes", at)) {
            nodes.add(new CdiContainerEdits.DeviceNode(n.path("path").asText(""),
                    Optional.of(n.path("hostPath").asText("")).filter(s -> !s.isEmpty())));
        }
        List<CdiContainerEdits.Mount> mounts = new ArrayList<>();
        for (JsonNode m : objects(node, "mounts", at)) {
            mounts.add(new CdiContainerEdits.Mount(m.path("hostPath").asText(""), m.path("containerPath").asText("")));
        }
        List<CdiContainerEdits.Hook> hooks = new ArrayList<>();
        List<JsonNode> hookNodes = objects(node, "hooks", at);
        for (int i = 0; i < hookNodes.size(); i++) {
            JsonNode h = hookNodes.get(i);
            String hookAt = at + "/hooks/" + i;
            Optional<List<String>> hookEnv = h.has("env") && !h.get("env").isNull()
                    ? Optional.of(texts(list(h, "env", hookAt), hookAt + "/env")) : Optional.empty();
            hooks.add(new CdiContainerEdits.Hook(h.path("hookName").asText(""), h.path("path").asText(""),
                    texts(list(h, "args", hookAt), hookAt + "/args"), hookEnv));
        }
        return new CdiContainerEdits(env, nodes, mounts, hooks);
    }

    private List<JsonNode> objects(JsonNode parent, String field, String at) {
        List<JsonNode> items = list(parent, field, at);
        List<JsonNode> objects = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).isObject()) {
                objects.add(items.get(i));
            } else {
                problem(at + "/" + field + "/" + i, field + "[" + i + "] is not a mapping");
            }
        }
        return objects;
    }

    private List<JsonNode> list(JsonNode parent, String field, String at) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problem(at + "/" + field, field + " is not a list");
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    private List<String> texts(List<JsonNode> items, String at) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).isValueNode()) {
                texts.add(items.get(i).asText());
            } else {
                problem(at + "/" + i, name(at) + "[" + i + "] is not a string");
            }
        }
        return texts;
    }

    private Optional<String> text(JsonNode parent, String field, String at) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            problem(at + "/" + field, field + " is not a string");
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    private void problem(String pointer, String what) {
        problems.add(new CdiProblem(lineOf(pointer), what));
    }

    private static String name(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }
}
