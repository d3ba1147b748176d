package io.gpudoctor.agent.host.packages;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;

/** Any dpkg status database: its installed packages, never an exception (a fuzz test fails on any exception). */
@Tag("fuzz")
class DpkgStatusParserFuzzTest {

    @FuzzTest
    void any_dpkg_status_yields_installed_packages(FuzzedDataProvider data) {
        String status = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);

        DpkgStatusParser.parse(status);
    }
}
