package io.gpudoctor.agent.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.agent.container.ContainerRefException.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerRefParserTest {

    @Test
    void shortDigitsAreAPid() throws Exception {
        assertThat(ContainerRefParser.parse("4242")).isEqualTo(new ContainerRef.Pid(4242));
        assertThat(ContainerRefParser.parse("4194304")).isEqualTo(new ContainerRef.Pid(4194304));
    }

    @Test
    void hexIsAnIdOrAPrefixOrAHexLookingName() throws Exception {
        String id = "3f4e5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081";
        assertThat(ContainerRefParser.parse(id)).isEqualTo(new ContainerRef.Hex(id));
        assertThat(ContainerRefParser.parse("3f4e5a6b7c8d")).isEqualTo(new ContainerRef.Hex("3f4e5a6b7c8d"));
        assertThat(ContainerRefParser.parse("beef")).isEqualTo(new ContainerRef.Hex("beef"));
        // Twelve digits are beyond any pid: a prefix of an id.
        assertThat(ContainerRefParser.parse("123456789012")).isEqualTo(new ContainerRef.Hex("123456789012"));
    }

    @Test
    void namesFollowDockersRule() throws Exception {
        assertThat(ContainerRefParser.parse("trainer")).isEqualTo(new ContainerRef.Name("trainer"));
        assertThat(ContainerRefParser.parse("My_app.v2-1")).isEqualTo(new ContainerRef.Name("My_app.v2-1"));
    }

    @Test
    void podFormsWithAndWithoutTheContainer() throws Exception {
        assertThat(ContainerRefParser.parse("ml/train-job-0"))
                .isEqualTo(new ContainerRef.Pod("ml", "train-job-0", Optional.empty()));
        assertThat(ContainerRefParser.parse("serving/inference.v2-x/triton"))
                .isEqualTo(new ContainerRef.Pod("serving", "inference.v2-x", Optional.of("triton")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "4194305", "9999999", "../etc/passwd", "/etc/passwd", "ml/../kube-system",
            "ml/pod/c/extra", "ml/", "/pod", "ml//c", "ML/pod", "ml/Pod", "ml/pod/Container", "ml/pod./c", "ml/-pod",
            "trainer\u0000", "\u0000", "train er", "tr\u00e4iner", "a\\b", "trainer*", ".*", "[a-z]+", "(?i)x", "$(id)",
            "name;rm -rf", "-trainer", "_x", ".hidden", "a..b", "C:\\proc"})
    void hostileOrMalformedRefsAreInvalid(String ref) {
        assertThatThrownBy(() -> ContainerRefParser.parse(ref)).isInstanceOfSatisfying(ContainerRefException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.INVALID));
    }

    @Test
    void aHugeRefIsInvalidAndNotEchoed() {
        String huge = "a".repeat(10 * 1024);

        assertThatThrownBy(() -> ContainerRefParser.parse(huge)).isInstanceOfSatisfying(ContainerRefException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.INVALID);
            assertThat(e.getMessage()).hasSizeLessThan(400).contains("10240 characters");
        });
    }

    @Test
    void aRefWithANulByteIsQuotedEscapedAndShort() {
        assertThatThrownBy(() -> ContainerRefParser.parse("trainer\u0000" + "x".repeat(100)))
                .isInstanceOfSatisfying(ContainerRefException.class, e -> assertThat(e.getMessage())
                        .contains("trainer\\u0000").doesNotContain("\u0000").doesNotContain("x".repeat(60)));
    }

    @Test
    void aPodNameMayNotExceedTheKubernetesLimit() {
        assertThatThrownBy(() -> ContainerRefParser.parse("ml/" + "a".repeat(254)))
                .isInstanceOfSatisfying(ContainerRefException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID));
    }
}
