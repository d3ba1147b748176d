package io.gpudoctor.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.collect.ContainerFindings;
import io.gpudoctor.agent.container.watch.GpuAsk;
import io.gpudoctor.agent.container.watch.GpuAskSource;
import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.collect.ScenarioStates;
import io.gpudoctor.agent.collect.XidCount;
import io.gpudoctor.agent.container.attribution.ContainerMemory;
import io.gpudoctor.agent.container.attribution.OtherProcesses;
import io.gpudoctor.agent.container.attribution.ProcessMemory;
import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.settings.MetricsCompat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DESIGN: {@code promtool check metrics} must pass on the output (Debian's prometheus package). */
class PromtoolTest {

    @TempDir
    Path dir;

    static Stream<Arguments> states() {
        return Stream.of(
                Arguments.of("dgx-h100", ScenarioStates.state("dgx-h100")),
                Arguments.of("broken-node", ScenarioStates.state("broken-node")),
                Arguments.of("broken-node with containers, Xids and a stale GPU", busy(ScenarioStates.state("broken-node"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void promtoolFindsNothingWrongWithTheScrape(String name, NodeState state) throws IOException {
        ExternalTool promtool = ExternalTool.require("promtool");
        Path scrape = Files.writeString(dir.resolve("metrics.prom"), Scrapes.text(state));

        ExternalTool.Result result = promtool.run(List.of("check", "metrics"), Optional.of(scrape), dir, Map.of(),
                Duration.ofSeconds(60));

        assertThat(result.timedOut()).isFalse();
        assertThat(result.stdout() + result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void inDcgmModePromtoolParsesTheScrapeAndFaultsOnlyDcgmExportersOwnNaming() throws IOException {
        ExternalTool promtool = ExternalTool.require("promtool");
        NodeState dgx = ScenarioStates.state("dgx-h100");
        String text = new PrometheusExposition(() -> dgx, Scrapes.VERSION,
                Clock.fixed(ScenarioStates.AT, ZoneOffset.UTC), MetricsCompat.DCGM).scrape("").body();
        Path scrape = Files.writeString(dir.resolve("metrics.prom"), text);

        ExternalTool.Result result = promtool.run(List.of("check", "metrics"), Optional.of(scrape), dir, Map.of(),
                Duration.ofSeconds(60));

        assertThat(result.timedOut()).isFalse();
        assertThat((result.stdout() + result.stderr()).lines()).as(result.stdout() + result.stderr())
                .allSatisfy(l -> assertThat(l).startsWith("DCGM_FI_"));
    }

    /** Every kind of series at once, with label values a container's owner chose. */
    private static NodeState busy(NodeState broken) {
        String uuid = broken.gpus().orElseThrow().inventory().gpus().get(0).uuid().orElseThrow();
        WorkloadContainer odd = NodeStates.container("ef".repeat(32), "quote\" back\\slash\nnewline ünï", "pod-0",
                "ns");
        Finding finding = Finding.of(FindingCode.CONTAINER_LIBCUDA_MISSING, Severity.ERROR)
                .title("libcuda.so.1 is missing").fix("Run with --gpus all").build();
        NodeState withWork = NodeStates.withProcesses(broken,
                List.of(new ProcessMemory(0, uuid, 777, "py\"thon", Optional.of(odd), Optional.of(1L << 33))),
                List.of(new ContainerMemory(0, uuid, odd, 1L << 33, 1, 0)),
                List.of(new OtherProcesses(0, uuid, 40, 1L << 30, 0)));
        NodeState withXids = NodeStates.withXids(withWork, List.of(new XidCount(0, uuid, 79, 2)));
        NodeState stale = NodeStates.stale(withXids, 1, ScenarioStates.AT.minusSeconds(45), "hung");
        return NodeStates.withContainerFindings(stale, List.of(new ContainerFindings(odd, new GpuAsk(Set.of(GpuAskSource.BUNDLE)),
                List.of(finding))));
    }
}
