package io.gpudoctor.agent.doctor;

import io.gpudoctor.agent.container.HostView;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.container.checks.ContainerCheck;
import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.container.facts.CudaRequirement;
import io.gpudoctor.agent.container.facts.Fact;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.DiagnosisEngine;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.driver.DriverConnector;
import io.gpudoctor.agent.driver.DriverOptions;
import io.gpudoctor.agent.host.agent.AgentFiles;
import io.gpudoctor.agent.driver.LibraryChoice;
import io.gpudoctor.agent.simulate.ScenarioLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerDiagnosisTest {

    private static final String TRAINER = "training/llama-pretrain-0/trainer";

    /** A container check with a defect. */
    static final class ThrowingCheck implements ContainerCheck {
        @Override
        public List<Finding> evaluate(ContainerFacts container, HostFacts host) {
            throw new IllegalStateException("defect in a rule");
        }
    }

    /** A container check that always finds /dev/shm too small. */
    static final class SmallShmCheck implements ContainerCheck {
        @Override
        public List<Finding> evaluate(ContainerFacts container, HostFacts host) {
            return List.of(Finding.of(FindingCode.CONTAINER_SHM_TOO_SMALL, Severity.WARN)
                    .title("/dev/shm of " + container.identity().name().orElse("?") + " is small")
                    .fix("Run it with --shm-size=8g.")
                    .build());
        }
    }

    private static Diagnosis diagnoseTrainer(List<ContainerCheck> checks) throws Exception {
        Path root = ScenarioLoader.load("dgx-h100").hostRoot().orElseThrow();
        HostDiagnosis doctor = new HostDiagnosis(
                new DiagnosisEngine(HostDiagnosis.probes(Optional.empty()), HostDiagnosis.checks()),
                new ContainerDiagnosis(checks), Duration.ofSeconds(10), Clock.systemUTC(), AgentFiles.NONE,
                Optional.empty());
        DriverOptions options = new DriverOptions(root, LibraryChoice.parse(null), LibraryChoice.parse(null),
                Optional.of("dgx-h100"));
        return doctor.diagnose(DriverConnector.connect(options), HostView.at(root, Clock.systemUTC()), TRAINER);
    }

    @Test
    void aContainerChecksFindingIsInTheDocumentWithScopeContainer() throws Exception {
        Diagnosis diagnosis = diagnoseTrainer(List.of(new SmallShmCheck()));

        assertThat(diagnosis.findings()).filteredOn(f -> f.code() == FindingCode.CONTAINER_SHM_TOO_SMALL)
                .singleElement().satisfies(f -> {
                    assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
                    assertThat(f.title()).contains("trainer");
                });
        assertThat(diagnosis.container()).map(Diagnosis.Container::ref).contains(TRAINER);
    }

    @Test
    void aThrowingContainerCheckIsACheckFailedFindingOfScopeContainerAndTheOthersStillRun() throws Exception {
        Diagnosis diagnosis = diagnoseTrainer(List.of(new ThrowingCheck(), new SmallShmCheck()));

        assertThat(diagnosis.findings()).filteredOn(f -> f.code() == FindingCode.CHECK_FAILED)
                .singleElement().satisfies(f -> {
                    assertThat(f.scope()).isEqualTo(Scope.CONTAINER);
                    assertThat(f.evidence()).singleElement().satisfies(e -> {
                        assertThat(e.source()).isEqualTo("container check ThrowingCheck");
                        assertThat(e.observed()).isEqualTo("IllegalStateException: defect in a rule");
                    });
                });
        assertThat(diagnosis.findings()).anyMatch(f -> f.code() == FindingCode.CONTAINER_SHM_TOO_SMALL);
    }

    @Test
    void theHostFindingsAreTheSameWithAndWithoutAContainer() throws Exception {
        Path root = ScenarioLoader.load("dgx-h100").hostRoot().orElseThrow();
        DriverOptions options = new DriverOptions(root, LibraryChoice.parse(null), LibraryChoice.parse(null),
                Optional.of("dgx-h100"));
        Diagnosis hostOnly = new HostDiagnosis(Optional.empty(), Duration.ofSeconds(10), Clock.systemUTC())
                .diagnose(DriverConnector.connect(options), HostView.at(root, Clock.systemUTC()));

        Diagnosis withContainer = diagnoseTrainer(List.of());

        assertThat(withContainer.findings()).isEqualTo(hostOnly.findings());
        assertThat(withContainer.host()).isEqualTo(hostOnly.host());
        assertThat(hostOnly.container()).isEmpty();
    }

    @Test
    void theFindingsOfBothPartsAreListedMostSevereFirst() throws Exception {
        Diagnosis diagnosis = diagnoseTrainer(List.of(new SmallShmCheck()));

        assertThat(diagnosis.findings()).extracting(Finding::severity)
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void theCudaTheContainerNeedsIsTorchsBeforeTheToolkitsBeforeTheImageVariables() {
        ContainerFacts facts = factsWith(List.of(
                new CudaRequirement("12.4", CudaRequirement.Source.ENV_CUDA_VERSION, "CUDA_VERSION"),
                new CudaRequirement("12.4.1", CudaRequirement.Source.CUDA_TOOLKIT, "/usr/local/cuda/version.json"),
                new CudaRequirement("12.1", CudaRequirement.Source.TORCH,
                        "/usr/local/lib/python3.11/site-packages/torch/version.py")));

        Diagnosis.Container container = DiagnosisAssembler.container("web", facts);

        assertThat(container.cuda()).contains(new Diagnosis.CudaNeed("12.1",
                "/usr/local/lib/python3.11/site-packages/torch/version.py"));
        assertThat(container.ref()).isEqualTo("web");
        assertThat(container.runtime()).isEqualTo("docker");
        assertThat(container.pid()).isEqualTo(4242);
    }

    @Test
    void aContainerThatStatesNoCudaHasNoCudaNeed() {
        assertThat(DiagnosisAssembler.container("web", factsWith(List.of())).cuda()).isEmpty();
    }

    private static ContainerFacts factsWith(List<CudaRequirement> requirements) {
        ContainerIdentity identity = new ContainerIdentity("a".repeat(64), "docker", Optional.of("web"),
                Optional.empty(), Optional.empty(), Optional.empty(), 4242, Optional.empty());
        return new ContainerFacts(identity, Fact.unknown("test"), Fact.unknown("test"), Fact.unknown("test"), Fact.unknown("test"),
                Fact.unknown("test"), Fact.unknown("test"), Fact.unknown("test"), Fact.unknown("test"),
                Fact.unknown("test"), Fact.unknown("test"), Fact.unknown("test"), Fact.unknown("test"), requirements);
    }
}
