package io.gpudoctor.agent.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markupCharactersBecomeEntities() {
        assertThat(Html.escape("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    }

    @Test
    void plainTextIsLeftAlone() {
        assertThat(Html.escape("NVIDIA H100 80GB HBM3 · 74.7 GiB\nnext line")).isEqualTo(
                "NVIDIA H100 80GB HBM3 · 74.7 GiB\nnext line");
    }

    @Test
    void controlCharactersBecomeReplacementCharacters() {
        assertThat(Html.escape("a\u0000b\u001bc\u007f")).isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
    }

    @Test
    void emptyTextStaysEmpty() {
        assertThat(Html.escape("")).isEmpty();
    }
}
