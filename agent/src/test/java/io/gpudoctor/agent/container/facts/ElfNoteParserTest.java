package io.gpudoctor.agent.container.facts;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ElfNoteParserTest {

    private static final String NOTE = "{\"CUDA version\":\"12.9\",\"driver\":[535,550,570,575],\"device\":[\"sm_90\"]}";

    @Test
    void the_forward_compat_note_gives_the_cuda_version_and_the_supported_driver_branches() {
        ForwardCompatNote note = ElfNoteParser.fwdCompatibility(ElfFixture.withNote(ElfNoteParser.SECTION, NOTE)).value().orElseThrow();

        assertThat(note.cudaVersion()).isEqualTo("12.9");
        assertThat(note.driverBranches()).containsExactly(535, 550, 570, 575);
    }

    @Test
    void a_library_without_the_section_is_unknown_with_the_reason() {
        assertThat(ElfNoteParser.fwdCompatibility(ElfFixture.withNote(".note.gnu.build-id", NOTE)).reason())
                .isEqualTo("no .note.cuda.fwd_compatibility section");
    }

    @Test
    void a_note_that_is_not_json_is_unknown() {
        assertThat(ElfNoteParser.fwdCompatibility(ElfFixture.withNote(ElfNoteParser.SECTION, "{garbage")).isKnown()).isFalse();
    }

    @Test
    void section_headers_beyond_a_truncated_read_are_unknown_not_an_error() {
        byte[] elf = ElfFixture.withNote(ElfNoteParser.SECTION, NOTE);

        assertThat(ElfNoteParser.fwdCompatibility(Arrays.copyOf(elf, elf.length - 10)).reason()).contains("beyond");
    }

    @Test
    void a_note_and_section_headers_far_beyond_the_first_mebibyte_are_read_with_a_few_bounded_reads() {
        byte[] elf = ElfFixture.withNote(ElfNoteParser.SECTION, NOTE, 8 << 20);
        List<Integer> lengths = new ArrayList<>();
        FileRanges recorded = (offset, length) -> {
            lengths.add(length);
            return FileRanges.of(elf).read(offset, length);
        };

        ForwardCompatNote note = ElfNoteParser.fwdCompatibility(recorded).value().orElseThrow();

        assertThat(note.driverBranches()).containsExactly(535, 550, 570, 575);
        assertThat(lengths).hasSize(4);
        assertThat(lengths.stream().mapToInt(Integer::intValue).sum()).isLessThan(4096);
    }

    @Test
    void a_section_header_table_claiming_more_than_the_bound_is_not_read() {
        byte[] elf = ElfFixture.withNote(ElfNoteParser.SECTION, NOTE);
        elf[0x3C] = (byte) 0xff;
        elf[0x3D] = (byte) 0xff;
        List<Integer> lengths = new ArrayList<>();

        Fact<ForwardCompatNote> fact = ElfNoteParser.fwdCompatibility((offset, length) -> {
            lengths.add(length);
            return FileRanges.of(elf).read(offset, length);
        });

        assertThat(fact.reason()).contains("not plausible");
        assertThat(lengths).containsExactly(64);
    }

    @Test
    void empty_and_garbage_input_is_unknown_and_never_throws() {
        assertThat(ElfNoteParser.fwdCompatibility(new byte[0]).reason()).isEqualTo("not an ELF file");
        Random random = new Random(42);
        byte[] elf = ElfFixture.withNote(ElfNoteParser.SECTION, NOTE);
        for (int i = 0; i < 2000; i++) {
            byte[] mutated = elf.clone();
            for (int j = 0; j < 8; j++) {
                mutated[4 + random.nextInt(mutated.length - 4)] = (byte) random.nextInt();
            }
            mutated[4] = 2;
            mutated[5] = 1;
            Fact<ForwardCompatNote> fact = ElfNoteParser.fwdCompatibility(mutated);
            assertThat(fact.isKnown() || !fact.reason().isEmpty()).isTrue();
        }
    }
}
