package io.gpudoctor.agent.container.facts;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

/** Any bytes as a libcuda: the forward-compatibility note or a reason, never an exception. */
@Tag("fuzz")
class ElfNoteParserFuzzTest {

    @FuzzTest
    void any_file_yields_a_note_or_a_reason(FuzzedDataProvider data) {
        Fact<ForwardCompatNote> note = ElfNoteParser.fwdCompatibility(data.consumeRemainingAsBytes());

        assertThat(note.isKnown() || !note.reason().isBlank()).isTrue();
    }
}
