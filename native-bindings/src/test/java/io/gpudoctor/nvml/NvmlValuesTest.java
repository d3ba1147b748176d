package io.gpudoctor.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The pure-Java decoding of NVML's codes and bitmasks. */
class NvmlValuesTest {

    @Test
    void clock_event_reason_bits_decode_to_their_reasons_ignoring_unknown_bits() {
        assertThat(ClockEventReason.decode(0x44L | 0x8000_0000_0000L))
                .containsExactlyInAnyOrder(ClockEventReason.SW_POWER_CAP, ClockEventReason.HW_THERMAL_SLOWDOWN);
    }

    @Test
    void no_clock_event_reason_bits_decode_to_none() {
        assertThat(ClockEventReason.decode(0)).isEmpty();
    }

    @Test
    void clock_event_reasons_encode_back_to_their_bits() {
        assertThat(ClockEventReason.encode(EnumSet.allOf(ClockEventReason.class))).isEqualTo(0x1FFL);
    }

    @Test
    void return_codes_carry_nvml_h_names_and_values() {
        assertThat(NvmlReturn.fromCode(15).cName()).isEqualTo("NVML_ERROR_GPU_IS_LOST");
        assertThat(NvmlReturn.fromCode(9)).isEqualTo(NvmlReturn.ERROR_DRIVER_NOT_LOADED);
        assertThat(NvmlReturn.SUCCESS.cName()).isEqualTo("NVML_SUCCESS");
    }

    @Test
    void a_return_code_newer_than_the_table_is_unknown_but_keeps_its_number_in_the_exception() {
        NvmlException e = new NvmlException("nvmlDeviceGetFoo", 1234, "Unknown Error");

        assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_UNKNOWN);
        assertThat(e.rawCode()).isEqualTo(1234);
        assertThat(e).hasMessage("nvmlDeviceGetFoo: NVML_ERROR_UNKNOWN (1234) (Unknown Error)");
    }

    @Test
    void return_names_parse_with_or_without_prefixes() {
        assertThat(NvmlReturn.fromName("NVML_ERROR_GPU_IS_LOST")).isEqualTo(NvmlReturn.ERROR_GPU_IS_LOST);
        assertThat(NvmlReturn.fromName("gpu_is_lost")).isEqualTo(NvmlReturn.ERROR_GPU_IS_LOST);
        assertThat(NvmlReturn.fromName("SUCCESS")).isEqualTo(NvmlReturn.SUCCESS);
    }
}
