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
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.FindingGpu;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.metrics.Scrapes.Series;
import io.gpudoctor.agent.web.MetricsExposition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PrometheusExpositionTest {

    private static final NodeState DGX = ScenarioStates.state("dgx-h100");
    private static final NodeState BROKEN = ScenarioStates.state("broken-node");

    private final AtomicReference<NodeState> state = new AtomicReference<>(DGX);
    private final PrometheusExposition exposition = Scrapes.exposition(state::get);

    private String scrape() {
        return exposition.scrape("").body();
    }

    private String scrapeOf(NodeState next) {
        state.set(next);
        return scrape();
    }

    private static WorkloadContainer containerNamed(NodeState state, String name) {
        return state.gpus().orElseThrow().attribution().containers().stream().map(ContainerMemory::container)
                .filter(c -> c.name().orElse("").equals(name)).findFirst().orElseThrow();
    }

    private static double only(String body, String name, Map<String, String> labels) {
        List<Series> found = Scrapes.series(body, name, labels);
        assertThat(found).as("%s%s", name, labels).hasSize(1);
        return found.get(0).value();
    }

    @Test
    void everyGpuOfTheDgxHasItsMemoryExposedInBytes() {
        List<Series> total = Scrapes.series(scrape(), "nvidia_gpu_memory_total_bytes", Map.of());

        assertThat(total).hasSize(8);
        assertThat(total).allSatisfy(s -> assertThat(s.value()).isGreaterThan(80e9));
    }

    @Test
    void aContainerThatGoesTakesItsSeriesWithIt() {
        WorkloadContainer triton = containerNamed(DGX, "triton");
        assertThat(scrape()).contains(triton.id());

        String after = scrapeOf(NodeStates.withoutContainer(DGX, triton.id()));

        assertThat(after).doesNotContain(triton.id());
        assertThat(Scrapes.series(after, "nvidia_gpu_container_memory_used_bytes", Map.of("container", "trainer")))
                .hasSize(6);
    }

    @Test
    void aGpuThatGoesTakesItsSeriesWithIt() {
        assertThat(scrape()).contains("gpu=\"7\"");

        String after = scrapeOf(NodeStates.withoutGpu(DGX, 7));

        assertThat(after).doesNotContain("gpu=\"7\"");
        assertThat(Scrapes.series(after, "nvidia_gpu_info", Map.of())).hasSize(7);
    }

    @Test
    void theDriverVersionLabelIsTheKernelModulesWhenNvmlDidNotSayIt() {
        String body = scrapeOf(NodeStates.withoutNvmlDriverVersion(BROKEN));

        assertThat(Scrapes.series(body, "nvidia_gpu_info", Map.of())).isNotEmpty()
                .allSatisfy(s -> assertThat(s.labels()).containsEntry("driver_version", "535.183.01"));
    }

    @Test
    void aGpuThatComesBackIsExposedAgain() {
        scrapeOf(NodeStates.withoutGpu(DGX, 7));

        String back = scrapeOf(DGX);

        assertThat(Scrapes.series(back, "nvidia_gpu_temperature_celsius", Map.of("gpu", "7"))).hasSize(1);
    }

    @Test
    void countersFollowTheirRunningTotalsUpward() {
        double before = energyOfGpu0(scrape());

        String after = scrapeOf(NodeStates.withGpu(DGX, 0, g -> NodeStates.reading(g,
                Optional.of(g.energyJoules().orElseThrow() + 500), g.eccErrors(), g.fanSpeedPercent())));

        assertThat(energyOfGpu0(after)).isEqualTo(before + 500);
    }

    private static double energyOfGpu0(String body) {
        return only(body, "nvidia_gpu_energy_joules_total", Map.of("gpu", "0"));
    }

    @Test
    void xidCountsAreCountersPerGpuAndXid() {
        String uuid = DGX.gpus().orElseThrow().inventory().gpus().get(2).uuid().orElseThrow();
        scrapeOf(NodeStates.withXids(DGX, List.of(new XidCount(2, uuid, 79, 1))));

        String after = scrapeOf(NodeStates.withXids(DGX, List.of(new XidCount(2, uuid, 79, 3),
                new XidCount(2, uuid, 48, 1))));

        assertThat(only(after, "nvidia_gpu_xid_errors_total", Map.of("gpu", "2", "uuid", uuid, "xid", "79")))
                .isEqualTo(3);
        assertThat(only(after, "nvidia_gpu_xid_errors_total", Map.of("xid", "48"))).isEqualTo(1);
        assertThat(after).contains("# TYPE nvidia_gpu_xid_errors_total counter");
    }

    @Test
    void aStaleGpuKeepsItsLastValuesAndSaysHowOldTheyAre() {
        String fresh = scrape();

        String stale = scrapeOf(NodeStates.stale(DGX, 3, ScenarioStates.AT.minus(Duration.ofSeconds(90)),
                "nvmlDeviceGetPowerUsage hung"));

        assertThat(only(stale, "nvidia_gpu_power_usage_watts", Map.of("gpu", "3")))
                .isEqualTo(only(fresh, "nvidia_gpu_power_usage_watts", Map.of("gpu", "3")));
        assertThat(only(stale, "gpu_doctor_gpu_reading_age_seconds", Map.of("gpu", "3"))).isEqualTo(90);
        assertThat(only(stale, "gpu_doctor_gpu_reading_stale", Map.of("gpu", "3"))).isEqualTo(1);
        assertThat(only(stale, "gpu_doctor_gpu_reading_stale", Map.of("gpu", "2"))).isEqualTo(0);
    }

    @Test
    void aFieldTheGpuDoesNotHaveGivesNoSeriesRatherThanZero() {
        String body = scrapeOf(NodeStates.withGpu(DGX, 0, g -> NodeStates.reading(g, Optional.empty(), Map.of(),
                Optional.empty())));

        assertThat(Scrapes.series(body, "nvidia_gpu_energy_joules_total", Map.of("gpu", "0"))).isEmpty();
        assertThat(Scrapes.series(body, "nvidia_gpu_ecc_errors_volatile_total", Map.of("gpu", "0"))).isEmpty();
        assertThat(Scrapes.series(body, "nvidia_gpu_energy_joules_total", Map.of("gpu", "1"))).hasSize(1);
        assertThat(body).doesNotContain("NaN").doesNotContain("nvidia_gpu_fan_speed_ratio{");
    }

    @Test
    void aFanSpeedIsARatio() {
        String body = scrapeOf(NodeStates.withGpu(DGX, 0, g -> NodeStates.reading(g, g.energyJoules(),
                g.eccErrors(), Optional.of(45))));

        assertThat(only(body, "nvidia_gpu_fan_speed_ratio", Map.of("gpu", "0"))).isEqualTo(0.45);
    }

    @Test
    void beforeTheFirstCollectionOnlyTheBuildAndTheProcessItselfAreExposed() {
        List<Series> series = Scrapes.series(scrapeOf(NodeState.empty())).stream()
                .filter(s -> !s.name().startsWith("process_") && !s.name().startsWith("jvm_")).toList();

        assertThat(series).extracting(Series::name).containsExactly("gpu_doctor_build_info");
        assertThat(series.get(0).labels()).containsEntry("version", Scrapes.VERSION);
    }

    @Test
    void everyHostFindingOfTheBrokenNodeIsASeries() {
        String body = scrapeOf(BROKEN);

        List<Finding> findings = BROKEN.host().orElseThrow().findings();
        assertThat(findings).isNotEmpty();
        for (Finding f : findings) {
            assertThat(only(body, "gpu_doctor_finding", Map.of("code", f.code().name(),
                    "severity", f.severity().label(), "scope", "host"))).isEqualTo(1);
        }
    }

    @Test
    void aFindingThatClearsTakesItsSeriesWithIt() {
        scrapeOf(BROKEN);
        Diagnosis d = BROKEN.host().orElseThrow();
        Diagnosis healed = new Diagnosis(d.schema(), d.generatedAt(), "ok", d.host(), d.container(), List.of());

        String body = scrapeOf(new NodeState(BROKEN.gpus(), Optional.of(healed), List.of(), BROKEN.memoryHistory()));

        assertThat(body).doesNotContain("gpu_doctor_finding{");
    }

    @Test
    void containerFindingsCarryTheContainersLabels() {
        WorkloadContainer trainer = containerNamed(DGX, "trainer");
        Finding shm = Finding.of(FindingCode.CONTAINER_SHM_TOO_SMALL, Severity.WARN)
                .title("/dev/shm is 64 MiB").fix("Run with --shm-size=8g").build();

        String body = scrapeOf(NodeStates.withContainerFindings(DGX, List.of(new ContainerFindings(trainer,
                new GpuAsk(Set.of(GpuAskSource.ENVIRONMENT)), List.of(shm)))));

        assertThat(only(body, "gpu_doctor_container_finding", Map.of("code", "CONTAINER_SHM_TOO_SMALL",
                "severity", "warn", "container_id", trainer.id(), "container", "trainer",
                "pod", trainer.pod().orElseThrow(), "namespace", trainer.namespace().orElseThrow()))).isEqualTo(1);
    }

    @Test
    void processesBeyondTheBoundAreSummedUnderPidOther() {
        String uuid = DGX.gpus().orElseThrow().inventory().gpus().get(7).uuid().orElseThrow();

        String body = scrapeOf(NodeStates.withProcesses(DGX, List.of(), List.of(),
                List.of(new OtherProcesses(7, uuid, 5, 1L << 30, 1))));

        assertThat(only(body, "nvidia_gpu_process_memory_used_bytes", Map.of("gpu", "7", "pid", "other",
                "process", "", "container_id", ""))).isEqualTo(1L << 30);
    }

    @Test
    void memoryNobodyCouldTellIsNotShownAsZero() {
        String uuid = DGX.gpus().orElseThrow().inventory().gpus().get(7).uuid().orElseThrow();
        WorkloadContainer job = NodeStates.container("ab".repeat(32), "job", "job-0", "batch");

        String body = scrapeOf(NodeStates.withProcesses(DGX,
                List.of(new ProcessMemory(7, uuid, 4242, "python3", Optional.of(job), Optional.empty())),
                List.of(new ContainerMemory(7, uuid, job, 0, 1, 1)),
                List.of(new OtherProcesses(7, uuid, 2, 0, 2))));

        assertThat(Scrapes.series(body, "nvidia_gpu_process_memory_used_bytes", Map.of("gpu", "7", "pid", "4242")))
                .isEmpty();
        assertThat(Scrapes.series(body, "nvidia_gpu_container_memory_used_bytes", Map.of("gpu", "7", "pod", "job-0")))
                .isEmpty();
    }

    @Test
    void everyContainerWithMemoryOnDgxH100HasItsUtilizationNextToItButInMigMode() {
        String body = scrape();
        // GPU 7 is in MIG mode, where NVML has no per-process samples: no utilization, rather than 0.
        List<Series> memory = Scrapes.series(body, "nvidia_gpu_container_memory_used_bytes", Map.of()).stream()
                .filter(s -> !s.labels().get("gpu").equals("7")).toList();
        List<Series> utilization = Scrapes.series(body, "nvidia_gpu_container_utilization_ratio", Map.of());

        assertThat(utilization).extracting(Series::labels)
                .containsExactlyInAnyOrderElementsOf(memory.stream().map(Series::labels).toList());
        assertThat(utilization).allSatisfy(s -> assertThat(s.value()).isGreaterThan(0).isLessThanOrEqualTo(1));
        assertThat(utilization).allSatisfy(s -> assertThat(s.labels().get("pod")).isNotEmpty());
    }

    @Test
    void hostileContainerNamesAreEscapedInLabels() {
        String uuid = DGX.gpus().orElseThrow().inventory().gpus().get(7).uuid().orElseThrow();
        String name = "evil\"} 1\nnvidia_gpu_info{gpu=\"9\\";
        WorkloadContainer evil = NodeStates.container("cd".repeat(32), name, "p", "n");

        String body = scrapeOf(NodeStates.withProcesses(DGX, List.of(), List.of(new ContainerMemory(7, uuid, evil,
                1024, 1, 0)), List.of()));

        assertThat(only(body, "nvidia_gpu_container_memory_used_bytes", Map.of("gpu", "7", "pod", "p"))).isEqualTo(1024);
        assertThat(Scrapes.series(body, "nvidia_gpu_info", Map.of("gpu", "9"))).isEmpty();
    }

    @Test
    void openMetricsIsServedWhenTheScraperAsksForIt() {
        MetricsExposition.Scrape scrape = exposition.scrape("application/openmetrics-text; version=1.0.0");

        assertThat(scrape.contentType()).startsWith("application/openmetrics-text; version=1.0.0");
        assertThat(scrape.body()).endsWith("# EOF\n").contains("# TYPE nvidia_gpu info");
    }

    @Test
    void prometheusTextIsServedByDefault() {
        MetricsExposition.Scrape scrape = exposition.scrape("");

        assertThat(scrape.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(scrape.body()).doesNotContain("# EOF").contains("# TYPE nvidia_gpu_info gauge");
    }

    @Test
    void everyMetricHasADescription() {
        String body = scrape();

        for (String name : Scrapes.series(body).stream().map(Series::name).distinct().toList()) {
            String family = name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
            assertThat(body).containsPattern("# HELP (" + name + "|" + family + ") \\S");
        }
    }

    @Test
    void aGpuWithoutClockEventReasonsHasNoThrottleSeries() {
        String body = scrapeOf(NodeStates.withGpu(DGX, 1, g -> new GpuReading(g.index(), g.uuid(), g.name(),
                g.serial(), g.brand(), g.architecture(), g.minorNumber(), g.pciBusId(), g.pciDeviceId(),
                g.computeCapability(), g.memory(), g.utilizationGpuPercent(), g.utilizationMemoryPercent(),
                g.temperatureCelsius(), g.powerUsageWatts(), g.powerLimitWatts(), g.energyJoules(), g.clocksMhz(),
                g.fanSpeedPercent(), g.pcieKilobytesPerSecond(), g.eccErrors(), g.remappedRows(), Optional.empty(),
                g.persistenceMode(), g.computeMode(), g.migMode(), g.migInstances(), g.fields(), g.processes(),
                g.errors())));

        assertThat(Scrapes.series(body, "nvidia_gpu_throttle_reason", Map.of("gpu", "1"))).isEmpty();
        assertThat(Scrapes.series(body, "nvidia_gpu_throttle_reason", Map.of("gpu", "0"))).hasSize(9);
    }

    @Test
    void numbersArePrintedAsPrometheusGoClientPrintsThem() {
        String body = scrape();

        assertThat(body).contains("} 1.98e+09\n").contains("} 1\n").doesNotContain("E9").doesNotContain(" 1.0\n");
    }

    @Test
    void openMetricsNumbersAreFloatsInTheGoClientsStyle() {
        String body = exposition.scrape("application/openmetrics-text; version=1.0.0").body();

        assertThat(body).contains("} 1.98e+09\n").contains("} 1.0\n").doesNotContain("E9");
    }

    @Test
    void findingsOfOneCodeOnTwoGpusAreTwoSeriesEachNamingItsGpu() {
        Diagnosis host = BROKEN.host().orElseThrow();
        Finding ecc = host.findings().stream().filter(f -> f.code() == FindingCode.ECC_UNCORRECTABLE_ERRORS)
                .findFirst().orElseThrow();
        Finding onGpu3 = new Finding(ecc.code(), ecc.severity(), ecc.scope(), ecc.title(), ecc.detail(), ecc.evidence(),
                ecc.fix(), Optional.of(FindingGpu.of(3, Optional.of("GPU-3"), Optional.empty())));
        List<Finding> both = new ArrayList<>(host.findings());
        both.add(onGpu3);
        NodeState twoGpus = new NodeState(BROKEN.gpus(), Optional.of(new Diagnosis(host.schema(), host.generatedAt(),
                host.verdict(), host.host(), host.container(), both)), BROKEN.containers(), BROKEN.memoryHistory());

        List<Series> ecc2 = Scrapes.series(scrapeOf(twoGpus), "gpu_doctor_finding",
                Map.of("code", "ECC_UNCORRECTABLE_ERRORS"));

        assertThat(ecc2).extracting(s -> s.labels().get("gpu") + " " + s.labels().get("uuid"))
                .containsExactlyInAnyOrder("1 GPU-92c6a3c4-f3a0-30c5-a59d-967b46386414", "3 GPU-3");
    }

    @Test
    void anXidFindingNamesTheGpuOfItsPciAddress() {
        List<Series> xids = Scrapes.series(scrapeOf(BROKEN), "gpu_doctor_finding", Map.of("code", "XID_ERROR"));

        assertThat(xids).isNotEmpty().allSatisfy(s -> assertThat(s.labels()).containsEntry("gpu", "1")
                .containsEntry("uuid", "GPU-92c6a3c4-f3a0-30c5-a59d-967b46386414"));
    }

    @Test
    void theLostGpusFindingNamesItsGpu() {
        List<Series> lost = Scrapes.series(scrapeOf(BROKEN), "gpu_doctor_finding", Map.of("code", "GPU_LOST"));

        assertThat(lost).hasSize(1);
        assertThat(lost.get(0).labels()).containsEntry("gpu", "2");
    }

    @Test
    void aHostWideFindingHasEmptyGpuLabels() {
        assertThat(only(scrapeOf(BROKEN), "gpu_doctor_finding", Map.of("code", "CDI_SPEC_STALE", "gpu", "", "uuid", "")))
                .isEqualTo(1);
    }

    @Test
    void theLostGpuKeepsTheIdentityTheKernelModuleRegisteredForIt() {
        assertThat(only(scrapeOf(BROKEN), "nvidia_gpu_info", Map.of("gpu", "2",
                "uuid", "GPU-0a28bdf3-ba1d-3d43-b531-a28decc00f31", "pci_bus_id", "0000:3a:00.0",
                "name", "NVIDIA A100-SXM4-80GB"))).isEqualTo(1);
    }

    @Test
    void volatileAndAggregateEccCountsAreSeparateFamiliesSoASumCountsEachErrorOnce() {
        String body = scrapeOf(BROKEN);

        assertThat(only(body, "nvidia_gpu_ecc_errors_volatile_total", Map.of("gpu", "1", "type", "corrected")))
                .isEqualTo(3);
        assertThat(only(body, "nvidia_gpu_ecc_errors_aggregate_total", Map.of("gpu", "1", "type", "corrected")))
                .isEqualTo(12);
        assertThat(Scrapes.series(body, "nvidia_gpu_ecc_errors_total", Map.of())).isEmpty();
    }
}
