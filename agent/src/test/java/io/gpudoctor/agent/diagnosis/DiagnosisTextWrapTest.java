package io.gpudoctor.agent.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiagnosisTextWrapTest {

    @Test
    void prose_breaks_at_spaces_before_the_width_with_the_indent_on_later_lines() {
        assertThat(DiagnosisText.wrap("    fix: one two three four", "         ", 20, 0))
                .isEqualTo("    fix: one two\n         three four");
    }

    @Test
    void a_command_in_backticks_is_never_cut_by_a_line_break() {
        assertThat(DiagnosisText.wrap("run `pip install torch --index-url https://x` now", "", 20, 0))
                .isEqualTo("run\n`pip install torch --index-url https://x`\nnow");
    }

    @Test
    void a_width_of_zero_leaves_the_text_whole_for_a_pipe() {
        String line = "a ".repeat(200).strip();

        assertThat(DiagnosisText.wrap(line, "    ", 0, 0)).isEqualTo(line);
    }
}
