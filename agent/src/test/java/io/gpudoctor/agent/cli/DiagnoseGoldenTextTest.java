package io.gpudoctor.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.HostView;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.DiagnosisText;
import io.gpudoctor.agent.doctor.HostDiagnosis;
import io.gpudoctor.agent.driver.DriverOptions;
import io.gpudoctor.agent.driver.LibraryChoice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The text of {@code gpu-doctor diagnose} on the shipped scenarios, at 100 columns, against the
 * golden files in {@code src/test/resources/golden/diagnose/}: the text is the product, so a change
 * of wording is made on purpose and read as prose. After such a change, regenerate them with
 * {@code mvn -B -pl agent -am test -Dtest=DiagnoseGoldenTextTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgolden.update=true} and read the diff.
 */
class DiagnoseGoldenTextTest {

    private static final int WIDTH = 100;
    private static final Path GOLDEN = Path.of("src/test/resources/golden/diagnose");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "dgx-h100, ''",
            "dgx-h100, training/llama-pretrain-0/trainer",
            "dgx-h100, f4bd3123901c",
            "workstation-rtx4090, ''",
            "workstation-rtx4090, comfyui",
            "broken-node, ''",
            "driver-mismatch, ''",
    })
    void the_text_of_a_scenarios_diagnosis_is_its_golden_file(String scenario, String container) throws Exception {
        HostRoots host = HostRoots.of(new DriverOptions(Path.of("/"), LibraryChoice.parse(null),
                LibraryChoice.parse(null), Optional.of(scenario)));
        HostDiagnosis doctor = new HostDiagnosis(Optional.empty(), Duration.ofSeconds(10), Clock.systemUTC());
        HostView view = host.view();
        Diagnosis diagnosis = container.isEmpty() ? doctor.diagnose(host.driver(), view)
                : doctor.diagnose(host.driver(), view, container);
        String text = DiagnosisText.render(diagnosis, false, WIDTH);
        Path golden = GOLDEN.resolve(scenario + (container.isEmpty() ? "" : "--" + container.replace('/', '_')) + ".txt");

        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, text, StandardCharsets.UTF_8);
        }
        assertThat(text).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
