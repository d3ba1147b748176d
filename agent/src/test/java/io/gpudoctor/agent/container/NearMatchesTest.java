package io.gpudoctor.agent.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearMatchesTest {

    @Test
    void typosWithinASmallEditDistanceAndSharedPrefixesAreNear() {
        List<String> names = List.of("trainer", "trainer-eval", "notebook", "sidecar", "triton");

        assertThat(NearMatches.of("trainr", names)).containsExactly("trainer");
        assertThat(NearMatches.of("train", names)).containsExactly("trainer", "trainer-eval");
        assertThat(NearMatches.of("notebok", names)).containsExactly("notebook");
        assertThat(NearMatches.of("postgres", names)).isEmpty();
    }

    @Test
    void theExactNameIsNotItsOwnNearMatchAndTheListIsCapped() {
        assertThat(NearMatches.of("a1", List.of("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"))).hasSize(NearMatches.MAX)
                .doesNotContain("a1");
    }

    @Test
    void editDistance() {
        assertThat(NearMatches.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(NearMatches.editDistance("", "abc")).isEqualTo(3);
        assertThat(NearMatches.editDistance("same", "same")).isZero();
    }
}
