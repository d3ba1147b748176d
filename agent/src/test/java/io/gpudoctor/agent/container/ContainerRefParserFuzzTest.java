package io.gpudoctor.agent.container;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any {@code --container REF} or {@code ?container=} value: a {@link ContainerRef} or an INVALID
 * {@link ContainerRefException} whose message is one printable line, never another exception.
 */
@Tag("fuzz")
class ContainerRefParserFuzzTest {

    @FuzzTest
    void any_ref_is_a_container_ref_or_an_invalid_ref_error(FuzzedDataProvider data) {
        String ref = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(ContainerRefParser.parse(ref)).isNotNull();
        } catch (ContainerRefException e) {
            assertThat(e.kind()).isEqualTo(ContainerRefException.Kind.INVALID);
            assertThat(e.getMessage()).doesNotContainPattern("\\p{Cntrl}");
        }
    }
}
