package io.gpudoctor.agent.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpudoctor.agent.dashboards.DashboardFiles.Dashboard;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What Grafana needs to import a dashboard file and draw it sensibly, checked on each shipped file. */
class DashboardJsonTest {

    static Stream<Dashboard> dashboards() {
        return DashboardFiles.dashboards().stream();
    }

    @Test
    void theFleetNodeAndWorkloadsDashboardsShip() {
        assertThat(dashboards().map(Dashboard::file))
                .containsExactly("gpu-doctor-fleet.json", "gpu-doctor-node.json", "gpu-doctor-workloads.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void panelIdsAreUnique(Dashboard d) {
        List<Integer> ids = d.panels().stream().map(p -> p.path("id").asInt(-1)).toList();

        assertThat(ids).doesNotContain(-1).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everyPanelLiesInsideTheGridWithoutOverlappingAnother(Dashboard d) {
        List<int[]> placed = new ArrayList<>();
        for (JsonNode p : d.panels()) {
            JsonNode g = p.path("gridPos");
            int x = g.path("x").asInt(-1);
            int y = g.path("y").asInt(-1);
            int w = g.path("w").asInt(0);
            int h = g.path("h").asInt(0);
            String where = DashboardFiles.where(d, p);
            assertThat(x).as(where + " x").isBetween(0, 23);
            assertThat(y).as(where + " y").isNotNegative();
            assertThat(w).as(where + " w").isBetween(1, 24 - x);
            assertThat(h).as(where + " h").isPositive();
            placed.forEach(o -> assertThat(x < o[0] + o[2] && o[0] < x + w && y < o[1] + o[3] && o[1] < y + h)
                    .as(where + " overlaps another panel").isFalse());
            placed.add(new int[] {x, y, w, h});
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everyPanelHasATitleAUnitAndAQuery(Dashboard d) {
        d.panels().forEach(p -> {
            String where = DashboardFiles.where(d, p);
            assertThat(p.path("title").asText()).as(where + " title").isNotBlank();
            assertThat(p.path("fieldConfig").path("defaults").path("unit").asText()).as(where + " unit").isNotBlank();
            assertThat(p.path("targets")).as(where + " targets").isNotEmpty();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void theDataSourceIsAPrometheusVariableTheImporterChooses(Dashboard d) {
        JsonNode first = d.json().path("templating").path("list").get(0);

        assertThat(first.path("name").asText()).isEqualTo("datasource");
        assertThat(first.path("type").asText()).isEqualTo("datasource");
        assertThat(first.path("query").asText()).isEqualTo("prometheus");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everyDataSourceUidIsTheDataSourceVariableSoNothingIsTiedToOneGrafana(Dashboard d) {
        List<String> uids = new ArrayList<>();
        d.json().path("panels").forEach(p -> collectUids(p, uids));
        d.json().path("templating").forEach(t -> collectUids(t, uids));

        assertThat(uids).isNotEmpty().allSatisfy(uid -> assertThat(uid).isEqualTo("${datasource}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everyDashboardHasTheFixedUidRunbooksLinkTo(Dashboard d) throws IOException {
        String uid = d.file().replace(".json", "");

        assertThat(d.json().path("uid").asText()).isEqualTo(uid);
        assertThat(Files.readString(Path.of("..", "docs", "runbooks.md"))).contains("/d/" + uid);
    }

    @Test
    void theVerdictsReadAsWordsNotNumbers() {
        List<String> texts = new ArrayList<>();
        DashboardFiles.dashboards().forEach(d -> d.panels().stream()
                .filter(p -> p.path("title").asText().contains("erdict"))
                .forEach(p -> p.path("fieldConfig").findValues("text").forEach(t -> texts.add(t.asText()))));

        assertThat(texts).containsExactlyInAnyOrder("OK", "WARNING", "ERROR", "OK", "WARNING", "ERROR");
    }

    @Test
    void theFleetFindingsTableGivesTheFixOfEveryHostFindingCode() {
        JsonNode table = DashboardFiles.dashboard("gpu-doctor-fleet.json").panels().stream()
                .filter(p -> p.path("title").asText().startsWith("Active findings")).findFirst().orElseThrow();
        Set<String> mapped = new HashSet<>();
        table.path("fieldConfig").path("overrides").forEach(o -> {
            if (o.path("matcher").path("options").asText().equals("fix")) {
                o.path("properties").get(0).path("value").get(0).path("options").fieldNames().forEachRemaining(mapped::add);
            }
        });

        assertThat(mapped).containsAll(Stream.of(FindingCode.values())
                .filter(c -> c.defaultScope() == Scope.HOST).map(Enum::name).toList());
    }

    private static void collectUids(JsonNode node, List<String> uids) {
        if (node.has("uid")) {
            uids.add(node.path("uid").asText());
        }
        node.forEach(child -> collectUids(child, uids));
    }
}
