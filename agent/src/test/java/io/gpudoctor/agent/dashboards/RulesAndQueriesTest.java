package io.gpudoctor.agent.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.dashboards.DashboardFiles.Expression;
import io.gpudoctor.agent.metrics.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules file passes promtool's checks and its own unit tests, and every PromQL expression of
 * the dashboards and rules parses and reads only metrics gpu-doctor exports.
 */
class RulesAndQueriesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/io/gpudoctor/agent/metrics");

    /**
     * Exported, but by no golden scrape, with the shipped scenario whose running daemon exports
     * it: the golden scrapes are built from states without Xids and without watched containers,
     * after one collection (GPM needs two). {@link DashboardsEndToEndTest} queries each from its node.
     */
    static final Map<String, String> EXPORTED_BEYOND_GOLDEN = Map.of(
            "nvidia_gpu_xid_errors_total", "broken-node",
            "gpu_doctor_container_finding", "workstation-rtx4090",
            "nvidia_gpu_mig_graphics_active_ratio", "dgx-h100",
            "nvidia_gpu_mig_tensor_active_ratio", "dgx-h100");

    private static final Path RUNBOOKS = Path.of("..", "docs", "runbooks.md");

    @TempDir
    Path dir;

    @Test
    void promtoolChecksTheShippedRulesFileClean() {
        ExternalTool.Result result = promtool(List.of("check", "rules", DashboardFiles.RULES.toAbsolutePath().toString()));

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).contains("SUCCESS");
    }

    @Test
    void everyAlertFiresOnItsUnitTestSeriesAndStaysQuietOnTheOthers() {
        ExternalTool.Result result = promtool(List.of("test", "rules",
                DashboardFiles.RULE_TESTS.toAbsolutePath().toString()));

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    }

    @Test
    void everyAlertHasAUnitTest() throws IOException {
        String tests = Files.readString(DashboardFiles.RULE_TESTS);

        DashboardFiles.alertRules().forEach(a ->
                assertThat(tests).contains("alertname: " + a.path("alert").asText()));
    }

    @Test
    void everyAlertRoutesBySeverityAndCarriesARunbook() {
        assertThat(DashboardFiles.alertRules()).isNotEmpty().allSatisfy(a -> {
            assertThat(a.path("labels").path("severity").asText()).isIn("critical", "warning");
            assertThat(a.path("annotations").path("summary").asText()).isNotBlank();
            assertThat(a.path("annotations").path("description").asText()).isNotBlank();
            assertThat(a.path("annotations").has("runbook")).as("prose runbooks moved to runbook_url").isFalse();
        });
    }

    @Test
    void everyAlertLinksToItsOwnSectionOfTheRunbooks() throws IOException {
        String runbooks = Files.readString(RUNBOOKS);

        assertThat(DashboardFiles.alertRules()).allSatisfy(a -> {
            String name = a.path("alert").asText();
            String url = a.path("annotations").path("runbook_url").asText();
            assertThat(url).endsWith("/docs/runbooks.md#" + name.toLowerCase(Locale.ROOT));
            assertThat(runbooks).contains("\n## " + name + "\n");
        });
    }

    @Test
    void noRunbookOrDescriptionTellsToDiagnoseWithoutRoot() throws IOException {
        String all = Files.readString(RUNBOOKS) + Files.readString(DashboardFiles.RULES);

        assertThat(all).doesNotContainPattern("(?<!sudo )gpu-doctor diagnose").doesNotContain("<gpu>");
    }

    @Test
    void everyExpressionOfTheDashboardsAndRulesParses() throws IOException {
        List<Expression> expressions = DashboardFiles.expressions(Map.of());
        StringBuilder rules = new StringBuilder("groups:\n  - name: every-expression\n    rules:\n");
        for (int i = 0; i < expressions.size(); i++) {
            rules.append("      - record: expression_").append(i).append("\n        expr: '")
                    .append(expressions.get(i).promql().replace("'", "''").replace("\n", " ")).append("'\n");
        }
        Path file = Files.writeString(dir.resolve("expressions.yml"), rules);

        ExternalTool.Result result = promtool(List.of("check", "rules", file.toString()));

        assertThat(result.exitCode()).as(result.stdout() + result.stderr() + "\nexpression_<n> is the n-th of "
                + expressions).isZero();
    }

    @Test
    void everyExpressionReadsOnlyMetricsTheAgentExportsOrTheRulesRecord() throws IOException {
        Set<String> known = new HashSet<>(goldenMetricNames());
        known.addAll(EXPORTED_BEYOND_GOLDEN.keySet());
        known.addAll(DashboardFiles.recordingRuleNames());
        known.add("up");

        DashboardFiles.expressions(Map.of()).forEach(e ->
                assertThat(PromQl.metricNames(e.promql())).as(e.where() + ": " + e.promql()).isNotEmpty()
                        .allSatisfy(name -> assertThat(known).as(e.where()).contains(name)));
    }

    @Test
    void theMetricsExemptFromTheGoldenCheckAreOnlyThoseTheGoldenScrapesLack() throws IOException {
        assertThat(goldenMetricNames()).doesNotContainAnyElementsOf(EXPORTED_BEYOND_GOLDEN.keySet());
    }

    private static Set<String> goldenMetricNames() throws IOException {
        Set<String> names = new HashSet<>();
        for (String scrape : List.of("dgx-h100.prom", "broken-node.prom")) {
            Files.readAllLines(GOLDEN.resolve(scrape)).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("[{ ]", 2)[0]).forEach(names::add);
        }
        return names;
    }

    private ExternalTool.Result promtool(List<String> arguments) {
        ExternalTool.Result result = ExternalTool.require("promtool").run(arguments, Optional.empty(), dir, Map.of(),
                Duration.ofSeconds(60));
        assertThat(result.timedOut()).isFalse();
        return result;
    }
}
