package io.gpudoctor.agent.host.packages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpstreamVersionTest {

    @Test
    void theEpochAndDebianRevisionAreNotPartOfTheUpstreamVersion() {
        assertThat(UpstreamVersion.parse("1:1.17.8-1")).contains(UpstreamVersion.of(1, 17, 8));
    }

    @Test
    void partsCompareAsIntegersNotText() {
        assertThat(UpstreamVersion.parse("1.17.8-1").orElseThrow().isBelow(UpstreamVersion.parse("1.17.10-1").orElseThrow()))
                .isTrue();
    }

    @Test
    void aPreReleaseSortsBeforeItsRelease() {
        assertThat(UpstreamVersion.parse("1.17.8~rc.1-1").orElseThrow().isBelow(UpstreamVersion.of(1, 17, 8))).isTrue();
    }

    @Test
    void missingTrailingPartsCountAsZero() {
        assertThat(UpstreamVersion.parse("1.18").orElseThrow().compareTo(UpstreamVersion.of(1, 18, 0))).isZero();
    }

    @Test
    void textThatIsNoVersionIsEmpty() {
        assertThat(UpstreamVersion.parse("")).isEmpty();
        assertThat(UpstreamVersion.parse("latest")).isEmpty();
        assertThat(UpstreamVersion.parse("99999999999.1")).isEmpty();
    }
}
