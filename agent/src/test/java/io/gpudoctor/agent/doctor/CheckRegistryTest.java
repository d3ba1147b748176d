package io.gpudoctor.agent.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.HostView;
import io.gpudoctor.agent.diagnosis.DiagnosisEngine;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.driver.DriverConnector;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuInventoryCollector;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.agent.simulate.LoadedScenario;
import io.gpudoctor.agent.simulate.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckRegistryTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Path TESTS = Path.of("src/test/java");

    /** Raised by the diagnosis engine itself for a probe or check that failed, not by a check. */
    private static final Set<FindingCode> ENGINE_CODES = Set.of(FindingCode.CHECK_FAILED);

    @Test
    void everyFindingCodeIsRaisedByExactlyOneRegisteredCheck() {
        Map<FindingCode, Long> owners = declared().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(Arrays.stream(FindingCode.values()).filter(c -> !ENGINE_CODES.contains(c)))
                .allSatisfy(code -> assertThat(owners.get(code)).as(code.name()).isEqualTo(1L));
        assertThat(owners.keySet()).doesNotContainAnyElementsOf(ENGINE_CODES);
    }

    @Test
    void everyCodeACheckDeclaresIsNamedInItsSourceOrInTheCompatibilityRulesItApplies() {
        assertThat(CheckRegistry.hostChecks()).allSatisfy(entry ->
                assertThat(sourcesOf(entry.check().getClass())).as(entry.check().getClass().getSimpleName())
                        .contains(entry.codes().stream().map(Enum::name).toArray(String[]::new)));
        assertThat(CheckRegistry.containerChecks()).allSatisfy(entry ->
                assertThat(sourcesOf(entry.check().getClass())).as(entry.check().getClass().getSimpleName())
                        .contains(entry.codes().stream().map(Enum::name).toArray(String[]::new)));
    }

    @Test
    void everyFindingCodeIsExercisedBySomeTestOtherThanThisOne() {
        String tests = readAll(TESTS, p -> !p.endsWith("CheckRegistryTest.java"));

        assertThat(Arrays.stream(FindingCode.values()).map(Enum::name).filter(name -> !tests.contains(name)))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dgx-h100", "workstation-rtx4090", "broken-node", "driver-mismatch"})
    void onASimulatedNodeEveryCheckRaisesOnlyTheCodesItDeclares(String scenario) throws Exception {
        LoadedScenario loaded = ScenarioLoader.load(scenario);
        Path root = loaded.hostRoot().orElseThrow();
        GpuInventory inventory = new GpuInventoryCollector(Duration.ofSeconds(2), Clock.systemUTC())
                .collect(DriverConnector.simulated(loaded), new HostFileReader(HostPaths.of(root)));
        DiagnosisEngine engine = new DiagnosisEngine(HostDiagnosis.probes(Optional.empty()), List.of());
        HostFacts facts = engine.probe(HostView.at(root, Clock.systemUTC()).files(),
                HostFacts.builder().put(GpuInventory.class, inventory));

        assertThat(CheckRegistry.hostChecks()).allSatisfy(entry -> assertThat(entry.check().evaluate(facts))
                .extracting(Finding::code).as(entry.check().getClass().getSimpleName())
                .allMatch(entry.codes()::contains));
    }

    private static List<FindingCode> declared() {
        return Stream.concat(CheckRegistry.hostChecks().stream().flatMap(c -> c.codes().stream()),
                CheckRegistry.containerChecks().stream().flatMap(c -> c.codes().stream())).toList();
    }

    /** The check's source file and, when it applies the compatibility rules, theirs. */
    private static String sourcesOf(Class<?> check) {
        Path file = MAIN.resolve(check.getName().replace('.', '/') + ".java");
        String own = read(file);
        return own.contains("import io.gpudoctor.agent.compat.")
                ? own + readAll(MAIN.resolve("io/gpudoctor/agent/compat"), p -> true) : own;
    }

    private static String readAll(Path folder, Predicate<Path> which) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".java")).filter(which).map(CheckRegistryTest::read)
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
