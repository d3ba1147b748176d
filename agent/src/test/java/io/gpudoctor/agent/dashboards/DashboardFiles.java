package io.gpudoctor.agent.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shipped dashboards and Prometheus rules under {@code dashboards/} (Maven runs tests in the
 * agent module, so it is {@code ../dashboards}), read as JSON trees, with every PromQL expression
 * they hold.
 */
final class DashboardFiles {

    static final Path ROOT = Path.of("..", "dashboards");
    static final Path RULES = ROOT.resolve("prometheus/gpu-doctor-rules.yml");
    static final Path RULE_TESTS = ROOT.resolve("prometheus/gpu-doctor-rules.test.yml");

    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)|\\$\\{(\\w+)}");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*\\w+\\)");

    private DashboardFiles() {
    }

    /** A dashboard file's name and its JSON. */
    record Dashboard(String file, JsonNode json) {

        List<JsonNode> panels() {
            List<JsonNode> panels = new ArrayList<>();
            json.path("panels").forEach(panels::add);
            return panels;
        }
    }

    /** A PromQL expression and where it was found, for messages. */
    record Expression(String where, String promql) {
    }

    static List<Dashboard> dashboards() {
        try (Stream<Path> files = Files.list(ROOT.resolve("grafana"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .map(f -> new Dashboard(f.getFileName().toString(), read(f, new ObjectMapper()))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dashboard dashboard(String file) {
        return dashboards().stream().filter(d -> d.file().equals(file)).findFirst().orElseThrow();
    }

    static JsonNode rules() {
        return read(RULES, new ObjectMapper(new YAMLFactory()));
    }

    /** Every rule of the rules file, recording and alerting. */
    static List<JsonNode> ruleList() {
        List<JsonNode> all = new ArrayList<>();
        rules().path("groups").forEach(g -> g.path("rules").forEach(all::add));
        return all;
    }

    static List<String> recordingRuleNames() {
        return ruleList().stream().filter(r -> r.has("record")).map(r -> r.path("record").asText()).toList();
    }

    static List<JsonNode> alertRules() {
        return ruleList().stream().filter(r -> r.has("alert")).toList();
    }

    /**
     * Every expression of the dashboards (panel queries, the selector of each {@code label_values}
     * variable query) with the Grafana variables replaced by {@code values} (a variable not among
     * them by {@code .*}), and every rule's expression.
     */
    static List<Expression> expressions(Map<String, String> values) {
        List<Expression> all = new ArrayList<>(panelExpressions(values));
        for (Dashboard d : dashboards()) {
            d.json().path("templating").path("list").forEach(v -> {
                Matcher m = LABEL_VALUES.matcher(v.path("query").path("query").asText());
                if (m.matches()) {
                    all.add(new Expression(d.file() + " variable " + v.path("name").asText(),
                            substitute(m.group(1), values)));
                }
            });
        }
        ruleList().forEach(r -> all.add(new Expression(RULES.getFileName() + " " + r.path("record").asText()
                + r.path("alert").asText(), r.path("expr").asText())));
        return all;
    }

    /** The query of every panel target, variables replaced as in {@link #expressions}. */
    private static List<Expression> panelExpressions(Map<String, String> values) {
        List<Expression> all = new ArrayList<>();
        for (Dashboard d : dashboards()) {
            d.panels().forEach(p -> p.path("targets").forEach(t -> all.add(new Expression(
                    where(d, p) + " " + t.path("refId").asText(), substitute(t.path("expr").asText(), values)))));
        }
        return all;
    }

    static String where(Dashboard d, JsonNode panel) {
        return d.file() + " / " + panel.path("title").asText();
    }

    /**
     * Replaces Grafana's {@code $name} and {@code ${name}} by their values. {@code $1} in a
     * {@code label_replace} replacement is PromQL's own and stays.
     */
    static String substitute(String query, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(query);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = name.chars().allMatch(Character::isDigit) ? m.group() : values.getOrDefault(name, ".*");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static JsonNode read(Path file, ObjectMapper mapper) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
