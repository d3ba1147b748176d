package io.gpudoctor.agent.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.nvml.ComputeCapability;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Driver × CUDA × GPU cases derived from NVIDIA's documents, one row each in {@code compat/cases.csv}
 * with the source of its expectation: every architecture's floors and ceilings, every CUDA major's
 * Table 3 and minor-version edges, forward compatibility on data-center, GeForce and workstation
 * GPUs, the branch lifecycle, CUDA minors beyond the table and odd version strings.
 */
class CompatCasesTest {

    private static final CompatTable TABLE = CompatTable.shipped();

    @ParameterizedTest(name = "{0} + CUDA {1} on {2} ({3}): {4} {5}")
    @CsvFileSource(resources = "/compat/cases.csv", delimiter = ';', maxCharsPerColumn = 1000)
    void eachCaseGetsTheVerdictFindingsAndSeverityItsSourceGives(String driver, String cuda, String gpu, String month,
            Verdict verdict, String codes, String severity, String source) {
        assertThat(source).as("every case names its source").contains("[");
        CudaCompatibility compatibility = new CudaCompatibility(TABLE, firstDayOf(month));

        CompatReport report = compatibility.check(DriverVersion.parse(driver), ToolkitVersion.parse(cuda),
                gpu(compatibility, gpu));

        assertThat(report.answer().verdict()).as("verdict").isEqualTo(verdict);
        assertThat(report.findings()).extracting(CompatFinding::code).as("findings")
                .containsExactlyInAnyOrderElementsOf(codes(codes));
        assertThat(report.severity()).as("severity").isEqualTo(Severity.valueOf(severity.toUpperCase(Locale.ROOT)));
        assertThat(report.findings()).allSatisfy(finding -> assertThat(finding.sources()).isNotEmpty());
    }

    private static Optional<GpuModel> gpu(CudaCompatibility compatibility, String text) {
        if (text.equals("-")) {
            return Optional.empty();
        }
        if (text.startsWith("cc:")) {
            return Optional.of(GpuModel.ofComputeCapability(ComputeCapability.parse(text.substring(3))));
        }
        return Optional.of(compatibility.gpuModel(text).orElseThrow(() -> new AssertionError("no GPU model " + text)));
    }

    private static List<FindingCode> codes(String text) {
        return text.equals("-") ? List.of() : Arrays.stream(text.split("\\|")).map(FindingCode::valueOf).toList();
    }

    private static Clock firstDayOf(String month) {
        return Clock.fixed(YearMonth.parse(month).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }
}
