package io.gpudoctor.locate;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes as {@code /etc/ld.so.cache}: its entries, or INVALID with a one-line reason; never an
 * exception (a fuzz test fails on any exception its target throws).
 */
@Tag("fuzz")
class LdSoCacheParserFuzzTest {

    @FuzzTest
    void any_bytes_are_a_cache_or_an_invalid_one_with_a_reason(FuzzedDataProvider data) {
        LdSoCache cache = LdSoCacheParser.parse(Path.of("/etc/ld.so.cache"), data.consumeRemainingAsBytes());

        if (cache.status() == LdSoCache.Status.INVALID) {
            assertThat(cache.problem()).isNotBlank().doesNotContain("\n");
        }
    }
}
