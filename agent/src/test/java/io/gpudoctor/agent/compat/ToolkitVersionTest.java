package io.gpudoctor.agent.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ToolkitVersionTest {

    @Test
    void aBareMinorReleaseHasNeitherUpdateNorPatch() {
        assertThat(ToolkitVersion.parse("12.8"))
                .isEqualTo(new ToolkitVersion(12, 8, Optional.empty(), Optional.empty()));
    }

    @Test
    void aThirdFieldIsThePatchNumberOfTheToolkit() {
        assertThat(ToolkitVersion.parse("12.8.1").patch()).contains(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.8 Update 1", "12.8 update 1", "12.8update1", "12.8 U1"})
    void releaseNoteSpellingsGiveTheUpdateNumber(String text) {
        assertThat(ToolkitVersion.parse(text).update()).contains(1);
    }

    @Test
    void gaIsUpdateZero() {
        assertThat(ToolkitVersion.parse("13.0 GA").update()).contains(0);
    }

    @Test
    void minorReleasesOrderAsNumbers() {
        assertThat(ToolkitVersion.parse("12.10").compareMinorRelease(ToolkitVersion.parse("12.9"))).isPositive();
        assertThat(ToolkitVersion.parse("12.8 Update 1").sameMinorRelease(ToolkitVersion.parse("12.8"))).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"12", "cu128", "12.8.1.4", "twelve", "12.8 Update", "12.x"})
    void garbageIsRejectedWithAMessageThatShowsTheExpectedShape(String text) {
        assertThatThrownBy(() -> ToolkitVersion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a CUDA version");
    }
}
