package io.gpudoctor.agent.host.driver;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any content of the driver's kernel files ({@code /proc/driver/nvidia/version},
 * {@code /sys/module/nvidia/version}, {@code /proc/devices}, {@code /proc/modules}): what they
 * hold or nothing, never an exception (a fuzz test fails on any exception its target throws).
 */
@Tag("fuzz")
class DriverParsersFuzzTest {

    @FuzzTest
    void any_version_file_yields_a_version_or_none(FuzzedDataProvider data) {
        DriverVersionFile.parse(text(data)).ifPresent(version -> assertThat(version).matches("\\d{2,4}\\.\\d{1,3}(\\.\\d{1,3})?"));
    }

    @FuzzTest
    void any_proc_devices_yields_character_majors(FuzzedDataProvider data) {
        assertThat(ProcDevices.parse(text(data)).values()).allMatch(major -> major >= 0 && major <= 9999);
    }

    @FuzzTest
    void any_proc_modules_yields_module_names(FuzzedDataProvider data) {
        assertThat(ProcModules.parse(text(data))).allMatch(name -> name.matches("[A-Za-z0-9_\\-]{1,64}"));
    }

    private static String text(FuzzedDataProvider data) {
        return new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
    }
}
