package io.gpudoctor.agent.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpudoctor.agent.dashboards.DashboardFiles.Dashboard;
import io.gpudoctor.agent.serve.RunningDaemon;
import io.gpudoctor.agent.serve.ScrapedNodes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an SRE sees after importing the three files: Debian's Prometheus scrapes two running
 * daemons, a healthy 8-GPU node (dgx-h100) and a broken one (broken-node), and evaluates the
 * shipped rules; every dashboard query is asked of it with the dashboard's variables set to the
 * node the panel is meant for.
 */
class DashboardsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Panels that show faults, by dashboard file and title: they have data on the broken node; every other panel on the healthy one. */
    private static final Set<String> BROKEN_NODE_PANELS = Set.of(
            "gpu-doctor-fleet.json / Nodes in error",
            "gpu-doctor-fleet.json / GPUs lost",
            "gpu-doctor-fleet.json / Active findings across nodes, with the fix",
            "gpu-doctor-fleet.json / Critical and other Xids per node (new in 15 min)",
            "gpu-doctor-fleet.json / Uncorrectable ECC errors per node",
            "gpu-doctor-node.json / Active findings",
            "gpu-doctor-node.json / GPUs unreadable",
            "gpu-doctor-node.json / ECC errors",
            "gpu-doctor-node.json / Remapped rows",
            "gpu-doctor-node.json / Xids (new in 15 min)");

    /** The alerts broken-node's faults call for: CDI_SPEC_STALE, a lost GPU, Xid 48 and 79, a double-bit ECC error and its pending row remap, a driver upgraded without a reboot. */
    private static final Set<String> BROKEN_NODE_ALERTS = Set.of("GpuDoctorErrorFinding", "GpuLost", "GpuCriticalXid",
            "GpuUncorrectableEccErrors", "GpuRowRemapPending", "GpuDriverLibraryMismatch");

    @TempDir
    static Path work;

    private static ScrapedNodes nodes;

    @BeforeAll
    static void scrape() throws Exception {
        nodes = ScrapedNodes.start(work, List.of(DashboardFiles.RULES));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nodes != null) {
            nodes.close();
        }
    }

    static Stream<Arguments> panelQueries() {
        List<Arguments> all = new ArrayList<>();
        for (Dashboard d : DashboardFiles.dashboards()) {
            d.panels().forEach(p -> p.path("targets").forEach(t -> {
                String panel = DashboardFiles.where(d, p);
                all.add(Arguments.of(panel + " " + t.path("refId").asText(),
                        BROKEN_NODE_PANELS.contains(panel), t.path("expr").asText()));
            }));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panelQueries")
    void everyPanelQueryReturnsDataForTheNodeItIsMeantFor(String panel, boolean brokenNode, String expr)
            throws Exception {
        RunningDaemon node = brokenNode ? nodes.broken() : nodes.dgx();
        String query = DashboardFiles.substitute(expr, Map.of("instance", node.target()));

        JsonNode result = nodes.prometheus().awaitQuery(query, r -> r.size() > 0, WAIT);

        assertThat(result.size()).as(query).isPositive();
    }

    @Test
    void everyPanelIsMeantForANodeThatExists() {
        Set<String> panels = new TreeSet<>();
        DashboardFiles.dashboards().forEach(d -> d.panels().forEach(p -> panels.add(DashboardFiles.where(d, p))));

        assertThat(panels).containsAll(BROKEN_NODE_PANELS);
    }

    @Test
    void theBrokenNodeRaisesTheAlertsItsFaultsCallForPendingOrFiring() throws Exception {
        Set<String> raised = awaitBrokenNodeAlerts();

        assertThat(raised).containsExactlyInAnyOrderElementsOf(BROKEN_NODE_ALERTS);
    }

    @Test
    void theCriticalXidAlertNamesEachXid() throws Exception {
        awaitBrokenNodeAlerts();
        Set<String> xids = new TreeSet<>();
        nodes.prometheus().alerts().forEach(a -> {
            if (a.path("labels").path("alertname").asText().equals("GpuCriticalXid")) {
                xids.add(a.path("labels").path("xid").asText());
                assertThat(a.path("annotations").path("summary").asText())
                        .contains("Xid " + a.path("labels").path("xid").asText());
            }
        });

        assertThat(xids).containsExactly("48", "79");
    }

    @Test
    void theHealthyNodeRaisesNoAlert() throws Exception {
        awaitBrokenNodeAlerts();

        List<String> dgxAlerts = new ArrayList<>();
        nodes.prometheus().alerts().forEach(a -> {
            if (a.path("labels").path("instance").asText().equals(nodes.dgx().target())) {
                dgxAlerts.add(a.path("labels").path("alertname").asText());
            }
        });
        assertThat(dgxAlerts).isEmpty();
    }

    @Test
    void theMetricsTheGoldenScrapesLackAreStoredFromTheBrokenNode() throws Exception {
        for (String name : RulesAndQueriesTest.EXPORTED_BEYOND_GOLDEN) {
            String query = name + "{instance=\"" + nodes.broken().target() + "\"}";
            assertThat(nodes.prometheus().awaitQuery(query, r -> r.size() > 0, WAIT).size()).as(query).isPositive();
        }
    }

    /** The names of the broken node's pending and firing alerts, once all expected are there or the wait ends. */
    private static Set<String> awaitBrokenNodeAlerts() throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        Set<String> raised = brokenNodeAlerts();
        while (!raised.containsAll(BROKEN_NODE_ALERTS) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            raised = brokenNodeAlerts();
        }
        return raised;
    }

    private static Set<String> brokenNodeAlerts() throws Exception {
        Set<String> names = new TreeSet<>();
        nodes.prometheus().alerts().forEach(a -> {
            String state = a.path("state").asText();
            if (a.path("labels").path("instance").asText().equals(nodes.broken().target())
                    && (state.equals("pending") || state.equals("firing"))) {
                names.add(a.path("labels").path("alertname").asText());
            }
        });
        return names;
    }
}
