package io.gpudoctor.agent.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpudoctor.agent.json.Json;
import io.gpudoctor.agent.settings.MetricsCompat;
import io.gpudoctor.agent.metrics.dcgm.DcgmField;
import io.gpudoctor.agent.metrics.dcgm.DcgmFields;
import io.gpudoctor.agent.serve.RunningDaemon;
import io.gpudoctor.agent.testing.PrometheusProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The drop-in promise of {@code --metrics.compat=dcgm}: Debian's Prometheus scrapes a daemon on the
 * simulated DGX H100, and every panel query of dcgm-exporter's own Grafana dashboard (unchanged,
 * from its repository) returns data, its template variables set as Grafana sets them: each
 * {@code label_values(metric, label)} variable asked of Prometheus, "All" selected, the values
 * joined into a regex alternation with their regex characters escaped.
 *
 * <p>A panel whose DCGM field gpu-doctor does not read (docs/metrics.md says which and why) is
 * listed in {@link #WITHOUT_DATA}; a test pins that list, so it cannot grow unnoticed.
 */
class DcgmDashboardEndToEndTest {

    private static final Path DASHBOARD = Path.of("src/test/resources/io/gpudoctor/agent/dcgm/dcgm-exporter-dashboard.json");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)");
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Every panel has data: the profiling panel too, from GPM on the simulated H100s. */
    private static final Set<String> WITHOUT_DATA = Set.of();

    @TempDir
    static Path work;

    private static RunningDaemon node;
    private static PrometheusProcess prometheus;

    @BeforeAll
    static void scrape() throws Exception {
        node = RunningDaemon.start("dgx-h100",
                RunningDaemon.loopback(Duration.ofMillis(500), Duration.ofSeconds(2), MetricsCompat.DCGM));
        prometheus = PrometheusProcess.start(work, List.of(node.target()), Duration.ofSeconds(1), List.of());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private static JsonNode dashboard() {
        try {
            return Json.mapper().readTree(DASHBOARD.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> panelQueries() {
        List<Arguments> all = new ArrayList<>();
        dashboard().path("panels").forEach(p -> p.path("targets").forEach(t ->
                all.add(Arguments.of(p.path("title").asText(), t.path("expr").asText()))));
        return all.stream();
    }

    static Stream<Arguments> panelQueriesOfFieldsRead() {
        return panelQueries().filter(a -> !WITHOUT_DATA.contains((String) a.get()[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panelQueriesOfFieldsRead")
    void everyPanelQueryOfDcgmExportersDashboardReturnsData(String panel, String expr) throws Exception {
        String query = substitute(expr, variables());

        JsonNode result = prometheus.awaitQuery(query, r -> r.size() > 0, WAIT);

        assertThat(result.size()).as(query).isPositive();
    }

    @Test
    void thePanelsWithoutDataAreExactlyThoseWhoseFieldsTheMappingTableLacks() {
        Set<String> mapped = DcgmFields.ALL.stream().map(DcgmField::name).collect(Collectors.toSet());
        Set<String> lacking = panelQueries()
                .filter(a -> !mapped.containsAll(PromQl.metricNames((String) a.get()[1])))
                .map(a -> (String) a.get()[0]).collect(Collectors.toSet());

        assertThat(lacking).isEqualTo(WITHOUT_DATA);
    }

    @Test
    void theDashboardHasPanelQueriesAndItsVariablesAreAllLabelValuesQueries() {
        assertThat(panelQueries()).hasSizeGreaterThanOrEqualTo(8);
        dashboard().path("templating").path("list").forEach(v -> {
            if (v.path("type").asText().equals("query")) {
                assertThat(v.path("query").asText()).matches(LABEL_VALUES);
            }
        });
    }

    /** Each query variable of the dashboard, "All" selected: its values as Grafana writes them into a regex matcher. */
    private static Map<String, String> variables() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode v : dashboard().path("templating").path("list")) {
            Matcher m = LABEL_VALUES.matcher(v.path("query").asText());
            if (!v.path("type").asText().equals("query") || !m.matches()) {
                continue;
            }
            String metric = m.group(1);
            String label = m.group(2);
            JsonNode groups = prometheus.awaitQuery("group by (" + label + ") (" + metric + ")", r -> r.size() > 0, WAIT);
            TreeSet<String> found = new TreeSet<>();
            groups.forEach(g -> found.add(g.path("metric").path(label).asText()));
            assertThat(found).as("values of $" + v.path("name").asText()).isNotEmpty();
            values.put(v.path("name").asText(), "(" + String.join("|", found.stream().map(
                    DcgmDashboardEndToEndTest::escape).toList()) + ")");
        }
        return values;
    }

    /** Grafana's Prometheus escaping of a multi-value variable: regex characters escaped, backslashes doubled for the string. */
    private static String escape(String value) {
        return value.replaceAll("([\\\\^$*+?.()|{}\\[\\]])", "\\\\\\\\$1");
    }

    private static String substitute(String expr, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }
}
