package io.gpudoctor.saferoot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

/** The one assertion every escape case makes: not a byte of the host's marker came back. */
final class ContainerRootAssertions {

    private ContainerRootAssertions() {
    }

    static void assertNoMarker(SafeRead read) {
        String asText = new String(read.content(), StandardCharsets.ISO_8859_1);
        assertThat(asText).as("content of %s", read).doesNotContain(ContainerRoot.MARKER.substring(0, 8));
        assertThat(read.problem()).doesNotContain(ContainerRoot.MARKER);
    }
}
