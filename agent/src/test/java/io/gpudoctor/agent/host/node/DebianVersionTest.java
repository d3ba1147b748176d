package io.gpudoctor.agent.host.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DebianVersionTest {

    @Test
    void epochRevisionAndPreReleaseSuffixAreDropped() {
        assertThat(DebianVersion.upstream("1.17.8-1")).contains(List.of(1, 17, 8));
        assertThat(DebianVersion.upstream("1:1.7.0~rc.1-1ubuntu2")).contains(List.of(1, 7, 0));
        assertThat(DebianVersion.upstream("1.8.0")).contains(List.of(1, 8, 0));
    }

    @Test
    void versionsCompareAsIntegersNotText() {
        assertThat(DebianVersion.compare(List.of(1, 10, 0), List.of(1, 8, 0))).isPositive();
        assertThat(DebianVersion.compare(List.of(1, 8), List.of(1, 8, 0))).isZero();
        assertThat(DebianVersion.compare(List.of(1, 7, 99), List.of(1, 8, 0))).isNegative();
    }

    @Test
    void emptyOrMalformedVersionsAreUnknown() {
        assertThat(DebianVersion.upstream("")).isEmpty();
        assertThat(DebianVersion.upstream("-1")).isEmpty();
        assertThat(DebianVersion.upstream("v1.8")).isEmpty();
        assertThat(DebianVersion.upstream("99999999999999.1")).isEmpty();
    }
}
