package io.gpudoctor.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LdSoCacheParserTest {

    private static final Path FILE = Path.of("/etc/ld.so.cache");

    private static final LdSoCacheEntry CUDA_64 =
            new LdSoCacheEntry("libcuda.so.1", "/usr/lib/x86_64-linux-gnu/libcuda.so.1", LdSoCacheEntry.X86_64_LIBC6);
    private static final LdSoCacheEntry CUDA_32 =
            new LdSoCacheEntry("libcuda.so.1", "/usr/lib/i386-linux-gnu/libcuda.so.1", LdSoCacheEntry.LIBC6);
    private static final LdSoCacheEntry NVML_64 =
            new LdSoCacheEntry("libnvidia-ml.so.1", "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1", LdSoCacheEntry.X86_64_LIBC6);
    private static final List<LdSoCacheEntry> ENTRIES = List.of(NVML_64, CUDA_64, CUDA_32);

    @Test
    void a_current_format_cache_yields_every_entry_in_file_order() {
        LdSoCache cache = LdSoCacheParser.parse(FILE, LdSoCacheBytes.current(ENTRIES));

        assertThat(cache.status()).isEqualTo(LdSoCache.Status.OK);
        assertThat(cache.problem()).isEmpty();
        assertThat(cache.entries()).containsExactlyElementsOf(ENTRIES);
    }

    @Test
    void the_flags_tell_a_64_bit_entry_from_a_32_bit_one() {
        LdSoCache cache = LdSoCacheParser.parse(FILE, LdSoCacheBytes.current(List.of(CUDA_64, CUDA_32)));

        assertThat(cache.entries()).extracting(LdSoCacheEntry::isX8664Libc6).containsExactly(true, false);
    }

    @Test
    void the_result_names_the_file_it_was_given() {
        assertThat(LdSoCacheParser.parse(FILE, LdSoCacheBytes.current(ENTRIES)).file()).isEqualTo(FILE);
    }

    @Test
    void a_cache_with_no_entries_is_valid_and_empty() {
        LdSoCache cache = LdSoCacheParser.parse(FILE, LdSoCacheBytes.current(List.of()));

        assertThat(cache.status()).isEqualTo(LdSoCache.Status.OK);
        assertThat(cache.entries()).isEmpty();
    }

    @Test
    void strings_shared_by_suffix_as_ldconfig_writes_them_are_read() {
        // ldconfig 2.33+ stores "libcuda.so.1" as the tail of "/opt/nv/libcuda.so.1".
        byte[] bytes = LdSoCacheBytes.current(List.of(new LdSoCacheEntry("libcuda.so.1", "/opt/nv/libcuda.so.1", 0x0303)));
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int pathOffset = buffer.getInt(LdSoCacheParser.NEW_HEADER_SIZE + 8);
        buffer.putInt(LdSoCacheParser.NEW_HEADER_SIZE + 4, pathOffset + "/opt/nv/".length());

        assertThat(LdSoCacheParser.parse(FILE, bytes).entries())
                .containsExactly(new LdSoCacheEntry("libcuda.so.1", "/opt/nv/libcuda.so.1", 0x0303));
    }

    @Test
    void an_old_format_cache_yields_its_entries() {
        LdSoCache cache = LdSoCacheParser.parse(FILE, LdSoCacheBytes.old(ENTRIES));

        assertThat(cache.status()).isEqualTo(LdSoCache.Status.OK);
        assertThat(cache.entries()).containsExactlyElementsOf(ENTRIES);
    }

    @Test
    void the_current_format_part_after_an_old_format_part_is_the_one_used() {
        LdSoCacheEntry oldEntry = new LdSoCacheEntry("libcuda.so.1", "/old/libcuda.so.1", LdSoCacheEntry.X86_64_LIBC6);

        LdSoCache cache = LdSoCacheParser.parse(FILE, LdSoCacheBytes.oldThenCurrent(List.of(oldEntry), ENTRIES));

        assertThat(cache.status()).isEqualTo(LdSoCache.Status.OK);
        assertThat(cache.entries()).containsExactlyElementsOf(ENTRIES);
    }

    @Test
    void the_old_format_part_is_used_when_no_current_format_follows_it() {
        byte[] compat = LdSoCacheBytes.oldThenCurrent(List.of(CUDA_64), List.of(NVML_64));
        int currentStart = LdSoCacheParser.OLD_HEADER_SIZE + LdSoCacheParser.OLD_ENTRY_SIZE + 4;
        compat[currentStart] = 'X';

        LdSoCache cache = LdSoCacheParser.parse(FILE, compat);

        assertThat(cache.entries()).containsExactly(CUDA_64);
    }

    @Test
    void an_empty_file_is_invalid() {
        LdSoCache cache = LdSoCacheParser.parse(FILE, new byte[0]);

        assertThat(cache.status()).isEqualTo(LdSoCache.Status.INVALID);
        assertThat(cache.problem()).isEqualTo("empty file");
        assertThat(cache.entries()).isEmpty();
    }

    @Test
    void text_is_invalid_with_its_first_bytes_in_the_reason() {
        LdSoCache cache = LdSoCacheParser.parse(FILE, "include /etc/ld.so.conf.d/*.conf\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(cache.status()).isEqualTo(LdSoCache.Status.INVALID);
        assertThat(cache.problem()).isEqualTo("not an ld.so.cache: unknown magic \"include /etc/ld.s\"");
    }

    @Test
    void binary_garbage_gives_a_one_line_printable_reason() {
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) '\n');

        assertThat(LdSoCacheParser.parse(FILE, garbage).problem()).doesNotContain("\n").contains("\\x0a");
    }

    @Test
    void a_header_cut_short_is_invalid() {
        byte[] bytes = Arrays.copyOf(LdSoCacheBytes.current(ENTRIES), 30);

        LdSoCache cache = LdSoCacheParser.parse(FILE, bytes);

        assertThat(cache.status()).isEqualTo(LdSoCache.Status.INVALID);
        assertThat(cache.problem()).isEqualTo("truncated: 30 bytes, shorter than the 48-byte header");
    }

    @Test
    void a_cache_cut_inside_its_entries_is_invalid() {
        byte[] bytes = Arrays.copyOf(LdSoCacheBytes.current(ENTRIES), LdSoCacheParser.NEW_HEADER_SIZE + 50);

        LdSoCache cache = LdSoCacheParser.parse(FILE, bytes);

        assertThat(cache.status()).isEqualTo(LdSoCache.Status.INVALID);
        assertThat(cache.problem()).isEqualTo("truncated: header counts 3 entries, the file holds at most 2");
    }

    @Test
    void another_cache_version_is_invalid() {
        byte[] bytes = LdSoCacheBytes.current(ENTRIES);
        bytes[LdSoCacheParser.NEW_MAGIC.length() + 2] = '2';

        assertThat(LdSoCacheParser.parse(FILE, bytes).problem()).isEqualTo("unsupported cache version \"1.2\"");
    }

    @Test
    void a_cache_marked_big_endian_is_invalid_as_the_loader_ignores_it() {
        byte[] bytes = LdSoCacheBytes.current(ENTRIES);
        bytes[28] = 3;

        assertThat(LdSoCacheParser.parse(FILE, bytes).problem()).startsWith("written for the other byte order");
    }

    @Test
    void a_huge_entry_count_is_invalid_without_reading_past_the_file() {
        byte[] bytes = LdSoCacheBytes.current(ENTRIES);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(20, -1);

        LdSoCache cache = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> LdSoCacheParser.parse(FILE, bytes));

        assertThat(cache.problem()).startsWith("truncated: header counts 4294967295 entries");
    }

    @Test
    void a_huge_old_format_entry_count_is_invalid() {
        byte[] bytes = LdSoCacheBytes.old(ENTRIES);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(12, Integer.MAX_VALUE);

        assertThat(LdSoCacheParser.parse(FILE, bytes).problem())
                .startsWith("truncated: old-format header counts 2147483647 entries");
    }

    @Test
    void a_string_offset_outside_the_file_is_invalid() {
        byte[] bytes = LdSoCacheBytes.current(ENTRIES);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(LdSoCacheParser.NEW_HEADER_SIZE + 24 + 8, 0x7fff0000);

        assertThat(LdSoCacheParser.parse(FILE, bytes).problem())
                .isEqualTo("entry 1: path offset 2147418112 is outside the file");
    }

    @Test
    void a_string_without_its_terminating_nul_is_invalid() {
        byte[] bytes = LdSoCacheBytes.old(List.of(CUDA_64));
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);

        assertThat(LdSoCacheParser.parse(FILE, cut).problem())
                .isEqualTo("entry 0: path at offset 13 is not NUL-terminated within 38 bytes");
    }

    @Test
    void entries_pointing_into_long_overlapping_strings_are_refused_in_bounded_time() {
        int count = 6000;
        int runs = 4;
        int stringsStart = LdSoCacheParser.NEW_HEADER_SIZE + count * LdSoCacheParser.NEW_ENTRY_SIZE;
        ByteBuffer buffer = ByteBuffer.allocate(stringsStart + runs * LdSoCacheParser.MAX_STRING).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(LdSoCacheBytes.current(List.of()), 0, LdSoCacheParser.NEW_HEADER_SIZE);
        buffer.putInt(20, count);
        for (int i = 0; i < count; i++) {
            int at = LdSoCacheParser.NEW_HEADER_SIZE + i * LdSoCacheParser.NEW_ENTRY_SIZE;
            // Every entry starts its two strings (1 to 4 KiB each) at offsets no other entry uses.
            buffer.putInt(at + 4, stringsStart + (i % runs) * LdSoCacheParser.MAX_STRING + i / runs);
            buffer.putInt(at + 8, stringsStart + ((i + 1) % runs) * LdSoCacheParser.MAX_STRING + 1500 + i / runs);
        }
        for (int i = stringsStart; i < buffer.capacity(); i++) {
            buffer.put(i, (i - stringsStart + 1) % LdSoCacheParser.MAX_STRING == 0 ? 0 : (byte) 'a');
        }

        // About 36 MiB of strings in all: the scan budget stops the parser after 16.
        LdSoCache cache = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> LdSoCacheParser.parse(FILE, buffer.array()));

        assertThat(cache.status()).isEqualTo(LdSoCache.Status.INVALID);
        assertThat(cache.problem()).isEqualTo("entries point at more than 16 MiB of strings");
    }

    @Test
    void every_truncation_of_a_valid_cache_parses_without_throwing() {
        for (byte[] valid : List.of(LdSoCacheBytes.current(ENTRIES), LdSoCacheBytes.old(ENTRIES),
                LdSoCacheBytes.oldThenCurrent(ENTRIES, ENTRIES))) {
            for (int length = 0; length < valid.length; length++) {
                LdSoCache cache = LdSoCacheParser.parse(FILE, Arrays.copyOf(valid, length));

                assertThat(cache.status()).as("cut at %d of %d", length, valid.length).isNotNull();
                assertThat(cache.problem().isEmpty()).isEqualTo(cache.status() == LdSoCache.Status.OK);
            }
        }
    }

    @Test
    void a_truncation_that_loses_a_string_is_invalid() {
        byte[] valid = LdSoCacheBytes.old(ENTRIES);

        for (int length = 0; length < valid.length; length++) {
            assertThat(LdSoCacheParser.parse(FILE, Arrays.copyOf(valid, length)).status())
                    .as("cut at %d", length).isEqualTo(LdSoCache.Status.INVALID);
        }
    }

    @Test
    void random_bytes_never_make_the_parser_throw() {
        Random random = new Random(20261123);
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = new byte[random.nextInt(512)];
            random.nextBytes(bytes);
            if (i % 2 == 0 && bytes.length >= 20) {
                // Half the inputs get a valid magic so the parser goes past the first check.
                System.arraycopy((i % 4 == 0 ? "glibc-ld.so.cache1.1" : "ld.so-1.7.0").getBytes(StandardCharsets.US_ASCII),
                        0, bytes, 0, i % 4 == 0 ? 20 : 11);
            }

            assertThat(LdSoCacheParser.parse(FILE, bytes).status()).isNotNull();
        }
    }

    @Test
    void random_corruption_of_a_valid_cache_never_makes_the_parser_throw() {
        Random random = new Random(535309);
        byte[] valid = LdSoCacheBytes.oldThenCurrent(ENTRIES, ENTRIES);
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = valid.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }

            assertThat(LdSoCacheParser.parse(FILE, bytes).status()).isNotNull();
        }
    }
}
