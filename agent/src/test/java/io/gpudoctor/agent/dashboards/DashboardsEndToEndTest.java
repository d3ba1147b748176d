package io.gpudoctor.agent.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpudoctor.agent.dashboards.DashboardFiles.Dashboard;
import io.gpudoctor.agent.serve.RunningDaemon;
import io.gpudoctor.agent.testing.PrometheusProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * What an SRE sees after importing the three files: Debian's Prometheus scrapes three running
 * daemons on shipped scenarios, a healthy 8-GPU node (dgx-h100), a broken one (broken-node), one
 * whose driver was upgraded without a reboot (driver-mismatch) and a workstation whose Docker
 * container comfyui needs a newer CUDA than the driver (workstation-rtx4090), and evaluates the
 * shipped rules; every dashboard query is asked of it
 * with the dashboard's variables set to the node the panel is meant for.
 */
class DashboardsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Panels that show faults, by dashboard file and title: they have data on the broken node; every other panel on the healthy one. */
    private static final Set<String> BROKEN_NODE_PANELS = Set.of(
            "gpu-doctor-fleet.json / Nodes in error",
            "gpu-doctor-fleet.json / GPUs lost",
            "gpu-doctor-fleet.json / Active findings across nodes, with the fix",
            "gpu-doctor-fleet.json / Findings per node",
            "gpu-doctor-fleet.json / Critical and other Xids per node (new in 15 min)",
            "gpu-doctor-fleet.json / Uncorrectable ECC errors per node",
            "gpu-doctor-node.json / Active findings",
            "gpu-doctor-node.json / GPUs unreadable",
            "gpu-doctor-node.json / ECC errors",
            "gpu-doctor-node.json / Remapped rows",
            "gpu-doctor-node.json / Xids (new in 15 min)");

    /**
     * Panels that show containers' findings: they have data on the workstation, the only shipped
     * scenario with a container that asked for a GPU and has findings (CUDA_DRIVER_TOO_OLD, error;
     * CONTAINER_SHM_TOO_SMALL, warn).
     */
    private static final Set<String> WORKSTATION_PANELS = Set.of(
            "gpu-doctor-fleet.json / Containers with errors",
            "gpu-doctor-workloads.json / Containers with findings");

    private static final String DGX = "dgx-h100";
    private static final String BROKEN = "broken-node";
    private static final String MISMATCH = "driver-mismatch";
    private static final String WORKSTATION = "workstation-rtx4090";

    /**
     * The alerts broken-node's faults call for: CDI_SPEC_STALE, a lost GPU, Xid 48 and 79, a double-bit ECC error and
     * its pending row remap, a down NVLink, NVLink recoveries, a narrow PCIe link, a GPU missing from NVML and a fatal
     * SXid.
     */
    private static final Set<String> BROKEN_NODE_ALERTS = Set.of("GpuDoctorErrorFinding", "GpuLost", "GpuCriticalXid",
            "GpuUncorrectableEccErrors", "GpuRowRemapPending", "GpuNvlinkDown", "GpuNvlinkErrors", "GpuPcieLinkDegraded",
            "GpuCountBelowExpected", "NvswitchFatalSxid");

    /** A driver upgraded without a reboot: the mismatch itself, and NVML that cannot start because of it. */
    private static final Set<String> MISMATCH_ALERTS = Set.of("GpuDriverLibraryMismatch", "GpuDoctorNvmlDown");

    /** The workstation's container error calls for one alert: CUDA_DRIVER_TOO_OLD of comfyui; its warn finding none. */
    private static final Set<String> WORKSTATION_ALERTS = Set.of("GpuContainerErrorFinding");

    @TempDir
    static Path work;

    /** The running daemons by scenario name. */
    private static final Map<String, RunningDaemon> nodes = new LinkedHashMap<>();
    private static PrometheusProcess prometheus;

    @BeforeAll
    static void scrape() throws Exception {
        for (String scenario : List.of(DGX, BROKEN, MISMATCH, WORKSTATION)) {
            nodes.put(scenario, RunningDaemon.start(scenario,
                    RunningDaemon.loopback(Duration.ofMillis(500), Duration.ofSeconds(2))));
        }
        prometheus = PrometheusProcess.start(work, nodes.values().stream().map(RunningDaemon::target).toList(),
                Duration.ofSeconds(1), List.of(DashboardFiles.RULES));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.close();
        }
        nodes.values().forEach(RunningDaemon::close);
        nodes.clear();
    }

    private static RunningDaemon node(String scenario) {
        return nodes.get(scenario);
    }

    /** The scenario of the node a panel is meant for. */
    private static String nodeFor(String panel) {
        return BROKEN_NODE_PANELS.contains(panel) ? BROKEN : WORKSTATION_PANELS.contains(panel) ? WORKSTATION : DGX;
    }

    static Stream<Arguments> panelQueries() {
        List<Arguments> all = new ArrayList<>();
        for (Dashboard d : DashboardFiles.dashboards()) {
            d.panels().forEach(p -> p.path("targets").forEach(t -> {
                String panel = DashboardFiles.where(d, p);
                all.add(Arguments.of(panel + " " + t.path("refId").asText(), nodeFor(panel),
                        t.path("expr").asText()));
            }));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panelQueries")
    void everyPanelQueryReturnsDataForTheNodeItIsMeantFor(String panel, String scenario, String expr)
            throws Exception {
        String query = DashboardFiles.substitute(expr, Map.of("instance", node(scenario).target()));

        JsonNode result = prometheus.awaitQuery(query, r -> r.size() > 0, WAIT);

        assertThat(result.size()).as(query).isPositive();
    }

    @Test
    void everyPanelIsMeantForANodeThatExists() {
        Set<String> panels = new TreeSet<>();
        DashboardFiles.dashboards().forEach(d -> d.panels().forEach(p -> panels.add(DashboardFiles.where(d, p))));

        assertThat(panels).containsAll(BROKEN_NODE_PANELS).containsAll(WORKSTATION_PANELS);
    }

    @Test
    void theContainerPanelsNameTheWorkstationsBrokenContainerAndNoneOnTheOtherNodes() throws Exception {
        String stat = panelQuery("gpu-doctor-fleet.json", "Containers with errors");
        String table = panelQuery("gpu-doctor-workloads.json", "Containers with findings");

        JsonNode rows = prometheus.awaitQuery(onNode(table, WORKSTATION), r -> r.size() >= 2, WAIT);
        List<String> named = new ArrayList<>();
        rows.forEach(r -> named.add(r.path("metric").path("container").asText() + " "
                + r.path("metric").path("code").asText() + " " + r.path("metric").path("severity").asText()));
        assertThat(named).as("errors first").containsExactly(
                "comfyui CUDA_DRIVER_TOO_OLD error", "comfyui CONTAINER_SHM_TOO_SMALL warn");
        assertThat(prometheus.query(onNode(stat, WORKSTATION)).get(0).path("value").get(1).asText()).isEqualTo("1");
        for (String other : List.of(DGX, BROKEN)) {
            String scraped = "gpu_doctor_build_info{instance=\"" + node(other).target() + "\"}";
            assertThat(prometheus.awaitQuery(scraped, r -> r.size() > 0, WAIT)).as(scraped).isNotEmpty();
            assertThat(prometheus.query(onNode(table, other))).as(other).isEmpty();
            assertThat(prometheus.query(onNode(stat, other)).get(0).path("value").get(1).asText()).as(other)
                    .isEqualTo("0");
        }
    }

    @Test
    void theBrokenNodeRaisesTheAlertsItsFaultsCallForPendingOrFiring() throws Exception {
        Set<String> raised = awaitBrokenNodeAlerts();

        assertThat(raised).containsExactlyInAnyOrderElementsOf(BROKEN_NODE_ALERTS);
    }

    @Test
    void theNodeUpgradedWithoutARebootRaisesTheMismatchAndNvmlDownAlertsOnly() throws Exception {
        assertThat(awaitAlerts(MISMATCH, MISMATCH_ALERTS)).containsExactlyInAnyOrderElementsOf(MISMATCH_ALERTS);
    }

    @Test
    void theWorkstationRaisesTheContainerAlertForItsErrorFindingOnly() throws Exception {
        assertThat(awaitAlerts(WORKSTATION, WORKSTATION_ALERTS)).containsExactlyInAnyOrderElementsOf(WORKSTATION_ALERTS);

        List<String> raised = new ArrayList<>();
        prometheus.alerts().forEach(a -> {
            if (a.path("labels").path("alertname").asText().equals("GpuContainerErrorFinding")) {
                raised.add(a.path("labels").path("instance").asText() + " " + a.path("labels").path("container").asText()
                        + " " + a.path("labels").path("code").asText());
                assertThat(a.path("annotations").path("summary").asText()).contains("comfyui", "CUDA_DRIVER_TOO_OLD");
                assertThat(a.path("annotations").path("description").asText())
                        .contains("/diagnose?format=text", "sudo gpu-doctor diagnose --container ");
            }
        });
        assertThat(raised).containsExactly(node(WORKSTATION).target() + " comfyui CUDA_DRIVER_TOO_OLD");
    }

    @Test
    void theCriticalXidAlertNamesEachXid() throws Exception {
        awaitBrokenNodeAlerts();
        Set<String> xids = new TreeSet<>();
        prometheus.alerts().forEach(a -> {
            if (a.path("labels").path("alertname").asText().equals("GpuCriticalXid")) {
                xids.add(a.path("labels").path("xid").asText());
                assertThat(a.path("annotations").path("summary").asText())
                        .contains("Xid " + a.path("labels").path("xid").asText());
            }
        });

        assertThat(xids).containsExactly("48", "79");
    }

    @Test
    void theBrokenNodePagesOncePerRootCauseAfterTheSuggestedInhibitions() throws Exception {
        awaitBrokenNodeAlerts();
        List<Map<String, String>> raised = alertLabels(BROKEN);

        List<String> pages = Inhibition.unmuted(raised).stream().filter(a -> a.get("severity").equals("critical"))
                .map(a -> a.get("alertname") + " gpu " + a.get("gpu")).toList();

        System.out.printf("broken-node: %d alerts (%d critical) raised; after inhibition %d reach a receiver, %d page%n",
                raised.size(), raised.stream().filter(a -> a.get("severity").equals("critical")).count(),
                Inhibition.unmuted(raised).size(), pages.size());
        assertThat(pages).containsExactlyInAnyOrder("GpuLost gpu 2", "GpuUncorrectableEccErrors gpu 1",
                "GpuCountBelowExpected gpu null", "NvswitchFatalSxid gpu null");
    }

    @Test
    void aNodeWhoseContainerCannotUseItsGpuIsInErrorNotOk() throws Exception {
        String verdict = "instance:gpu_doctor_verdict:max{instance=\"" + node(WORKSTATION).target() + "\"} == 2";

        assertThat(prometheus.awaitQuery(verdict, r -> r.size() > 0, WAIT)).as(verdict).hasSize(1);
    }

    @Test
    void theFindingsPerNodeTableNamesEachNodeByItsHostName() throws Exception {
        String table = onNode(panelQuery("gpu-doctor-fleet.json", "Findings per node"), BROKEN);

        JsonNode rows = prometheus.awaitQuery(table, r -> r.size() >= 6, WAIT);
        List<String> named = new ArrayList<>();
        rows.forEach(r -> named.add(r.path("metric").path("nodename").asText() + " " + r.path("metric").path("code").asText()));
        assertThat(named).contains("hgx-a100-12 GPU_LOST", "hgx-a100-12 CDI_SPEC_STALE");
    }

    @Test
    void theNodeUpgradedWithoutARebootPagesForTheMismatchOnly() throws Exception {
        awaitAlerts(MISMATCH, MISMATCH_ALERTS);

        assertThat(Inhibition.unmuted(alertLabels(MISMATCH))).extracting(a -> a.get("alertname"))
                .containsExactly("GpuDriverLibraryMismatch");
    }

    @Test
    void theLostGpusAlertNamesTheGpu() throws Exception {
        awaitBrokenNodeAlerts();

        assertThat(alertLabels(BROKEN)).filteredOn(a -> a.get("alertname").equals("GpuLost"))
                .extracting(a -> a.get("gpu")).containsExactly("2");
    }

    @Test
    void theHealthyNodeRaisesNoAlert() throws Exception {
        awaitBrokenNodeAlerts();

        List<String> dgxAlerts = new ArrayList<>();
        prometheus.alerts().forEach(a -> {
            if (a.path("labels").path("instance").asText().equals(node(DGX).target())) {
                dgxAlerts.add(a.path("labels").path("alertname").asText());
            }
        });
        assertThat(dgxAlerts).isEmpty();
    }

    @Test
    void theMetricsTheGoldenScrapesLackAreStoredFromTheNodeThatExportsThem() throws Exception {
        for (Map.Entry<String, String> e : RulesAndQueriesTest.EXPORTED_BEYOND_GOLDEN.entrySet()) {
            String query = e.getKey() + "{instance=\"" + node(e.getValue()).target() + "\"}";
            assertThat(prometheus.awaitQuery(query, r -> r.size() > 0, WAIT).size()).as(query).isPositive();
        }
    }

    /** The names of the broken node's pending and firing alerts, once all expected are there or the wait ends. */
    private static Set<String> awaitBrokenNodeAlerts() throws Exception {
        return awaitAlerts(BROKEN, BROKEN_NODE_ALERTS);
    }

    /** The names of a node's pending and firing alerts, once all {@code expected} are there or the wait ends. */
    private static Set<String> awaitAlerts(String scenario, Set<String> expected) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        Set<String> raised = alerts(scenario);
        while (!raised.containsAll(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            raised = alerts(scenario);
        }
        return raised;
    }

    private static Set<String> alerts(String scenario) throws Exception {
        Set<String> names = new TreeSet<>();
        prometheus.alerts().forEach(a -> {
            String state = a.path("state").asText();
            if (a.path("labels").path("instance").asText().equals(node(scenario).target())
                    && (state.equals("pending") || state.equals("firing"))) {
                names.add(a.path("labels").path("alertname").asText());
            }
        });
        return names;
    }

    /** The labels of a node's pending and firing alerts. */
    private static List<Map<String, String>> alertLabels(String scenario) throws Exception {
        List<Map<String, String>> alerts = new ArrayList<>();
        prometheus.alerts().forEach(a -> {
            String state = a.path("state").asText();
            if (a.path("labels").path("instance").asText().equals(node(scenario).target())
                    && (state.equals("pending") || state.equals("firing"))) {
                Map<String, String> labels = new LinkedHashMap<>();
                a.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                alerts.add(labels);
            }
        });
        return alerts;
    }

    /** The query of a dashboard's panel (its first target). */
    private static String panelQuery(String file, String title) {
        return DashboardFiles.dashboard(file).panels().stream().filter(p -> p.path("title").asText().equals(title))
                .findFirst().orElseThrow().path("targets").get(0).path("expr").asText();
    }

    /** {@code expr} with {@code $instance} set to a node's target and the other variables to {@code .*}. */
    private static String onNode(String expr, String scenario) {
        return DashboardFiles.substitute(expr, Map.of("instance", node(scenario).target()));
    }
}
