package io.gpudoctor.agent.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DriverVersionTest {

    @Test
    void threeFieldVersionsKeepTheirSpelling() {
        DriverVersion version = DriverVersion.parse("535.161.07");

        assertThat(version.fields()).containsExactly(535, 161, 7);
        assertThat(version).hasToString("535.161.07");
        assertThat(version.branch()).isEqualTo(535);
    }

    @Test
    void twoFieldVersionsParse() {
        assertThat(DriverVersion.parse(" 570.26 ").fields()).containsExactly(570, 26);
    }

    @Test
    void versionsCompareAsIntegerTuplesNotAsDecimals() {
        assertThat(DriverVersion.parse("570.26")).isLessThan(DriverVersion.parse("570.124.06"));
    }

    @ParameterizedTest
    @CsvSource({"525.60.12, 525.60.13", "455.23, 455.32", "450.80.02, 450.80.10", "470.256.02, 525.60.13",
            "99.99, 100.0"})
    void theFirstVersionSortsBeforeTheSecond(String lower, String higher) {
        assertThat(DriverVersion.parse(lower)).isLessThan(DriverVersion.parse(higher));
    }

    @Test
    void leadingZerosDoNotChangeTheValue() {
        assertThat(DriverVersion.parse("535.161.07")).isEqualByComparingTo(DriverVersion.parse("535.161.7"))
                .isEqualTo(DriverVersion.parse("535.161.7"))
                .hasSameHashCodeAs(DriverVersion.parse("535.161.7"));
    }

    @Test
    void aBranchFloorSortsBeforeEveryDriverOfItsBranch() {
        DriverVersion floor = DriverVersion.branchFloor(580);

        assertThat(floor).isLessThanOrEqualTo(DriverVersion.parse("580.0"))
                .isLessThan(DriverVersion.parse("580.65.06"))
                .isGreaterThan(DriverVersion.parse("575.57.08"));
        assertThat(floor.fields()).isEqualTo(List.of(580));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"535", "535.", ".161.07", "535.161.07.1", "535,161", "v535.161.07", "latest",
            "535.16a.07", "1234567.1"})
    void garbageIsRejectedWithAMessageThatShowsTheExpectedShape(String text) {
        assertThatThrownBy(() -> DriverVersion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a driver version")
                .hasMessageContaining("535.161.07");
    }
}
