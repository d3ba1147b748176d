package io.gpudoctor.agent.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosisEngineTest {

    @TempDir
    Path root;

    private static Finding finding(FindingCode code, Severity severity) {
        return Finding.of(code, severity).title(code.name()).fix("fix " + code.name()).build();
    }

    private HostFacts probe(DiagnosisEngine engine) {
        return engine.probe(new HostFileReader(HostPaths.of(root)), HostFacts.builder());
    }

    @Test
    void findingsComeMostSevereFirstAndKeepCheckOrderWithinASeverity() {
        DiagnosisEngine engine = new DiagnosisEngine(List.of(), List.of(
                facts -> List.of(finding(FindingCode.PERSISTENCE_MODE_OFF, Severity.WARN)),
                facts -> List.of(finding(FindingCode.NO_NVIDIA_GPU, Severity.INFO),
                        finding(FindingCode.GPU_LOST, Severity.ERROR)),
                facts -> List.of(finding(FindingCode.XID_ERROR, Severity.WARN))));

        List<Finding> findings = engine.evaluate(probe(engine));

        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.GPU_LOST,
                FindingCode.PERSISTENCE_MODE_OFF, FindingCode.XID_ERROR, FindingCode.NO_NVIDIA_GPU);
        assertThat(Diagnosis.verdictOf(findings)).isEqualTo("error");
    }

    @Test
    void aCheckThatThrowsBecomesCheckFailedAndTheOthersStillRun() {
        DiagnosisEngine engine = new DiagnosisEngine(List.of(), List.of(
                facts -> {
                    throw new IllegalStateException("bad rule");
                },
                facts -> List.of(finding(FindingCode.NOUVEAU_LOADED, Severity.ERROR))));

        List<Finding> findings = engine.evaluate(probe(engine));

        assertThat(findings).extracting(Finding::code)
                .containsExactly(FindingCode.NOUVEAU_LOADED, FindingCode.CHECK_FAILED);
        assertThat(findings.get(1).evidence().get(0).observed()).isEqualTo("IllegalStateException: bad rule");
    }

    @Test
    void aProbeThatThrowsBecomesCheckFailedWithoutItsFacts() {
        HostProbe<String> broken = new HostProbe<>() {
            @Override
            public Class<String> type() {
                return String.class;
            }

            @Override
            public String probe(HostFileReader files) {
                throw new IllegalArgumentException("cannot parse");
            }
        };
        DiagnosisEngine engine = new DiagnosisEngine(List.of(broken), List.of());

        HostFacts facts = probe(engine);

        assertThat(facts.find(String.class)).isEmpty();
        assertThat(engine.evaluate(facts)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CHECK_FAILED);
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.fix()).isNotBlank();
        });
    }

    @Test
    void noFindingsIsAnOkVerdict() {
        assertThat(Diagnosis.verdictOf(List.of())).isEqualTo("ok");
    }

    @Test
    void aFindingWithoutAFixCannotBeBuilt() {
        assertThatThrownBy(() -> Finding.of(FindingCode.GPU_LOST, Severity.ERROR).title("lost").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fix");
    }

    @Test
    void aFindingTakesTheScopeOfItsCode() {
        assertThat(finding(FindingCode.CONTAINER_MUSL_LIBC, Severity.ERROR).scope()).isEqualTo(Scope.CONTAINER);
        assertThat(finding(FindingCode.GPU_LOST, Severity.ERROR).scope()).isEqualTo(Scope.HOST);
    }
}
