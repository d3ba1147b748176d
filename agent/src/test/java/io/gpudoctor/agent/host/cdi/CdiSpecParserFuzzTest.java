package io.gpudoctor.agent.host.cdi;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any CDI spec file, YAML or JSON: a spec with the rules it breaks, or why it is no spec; never an
 * exception (a fuzz test fails on any exception its target throws).
 */
@Tag("fuzz")
class CdiSpecParserFuzzTest {

    @FuzzTest
    void any_cdi_spec_yields_a_spec_or_problems(FuzzedDataProvider data) {
        String text = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);

        CdiSpecFile file = CdiSpecParser.parse("/etc/cdi/nvidia.yaml", text);

        assertThat(file.spec().isPresent() || !file.problems().isEmpty()).isTrue();
        assertThat(file.problems()).allSatisfy(problem -> assertThat(problem.problem()).doesNotContain("\n"));
    }
}
