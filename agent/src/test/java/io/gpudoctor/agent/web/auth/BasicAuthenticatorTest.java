package io.gpudoctor.agent.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BasicAuthenticatorTest {

    private static final String HASH = BCrypt.withDefaults().hashToString(4, "right horse".toCharArray());
    /** htpasswd writes $2y$: exporter-toolkit users paste those. */
    private static final String HASH_2Y = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "pw".toCharArray());
    private static final BasicAuthenticator AUTH = new BasicAuthenticator(Map.of("alice", HASH, "bob", HASH_2Y));

    private static String header(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRightPasswordIsAccepted() {
        assertThat(AUTH.authenticate(header("alice", "right horse"))).isTrue();
        assertThat(AUTH.authenticate(header("bob", "pw"))).isTrue();
    }

    @Test
    void aRememberedSuccessIsAcceptedAgain() {
        assertThat(AUTH.authenticate(header("alice", "right horse"))).isTrue();
        assertThat(AUTH.authenticate(header("alice", "right horse"))).isTrue();
    }

    @Test
    void aWrongPasswordIsRefusedEvenWhenAsked() {
        assertThat(AUTH.authenticate(header("alice", "wrong horse"))).isFalse();
        assertThat(AUTH.authenticate(header("alice", "wrong horse"))).isFalse();
    }

    @Test
    void anUnknownUserIsRefusedWhateverThePassword() {
        assertThat(AUTH.authenticate(header("mallory", "right horse"))).isFalse();
    }

    @Test
    void malformedHeadersAreRefused() {
        assertThat(AUTH.authenticate("Bearer abc")).isFalse();
        assertThat(AUTH.authenticate("Basic !!!not-base64")).isFalse();
        assertThat(AUTH.authenticate("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes(
                StandardCharsets.UTF_8)))).isFalse();
        assertThat(AUTH.authenticate("Basic")).isFalse();
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsRefused() {
        String longer = "right horse" + "x".repeat(100);
        assertThat(AUTH.authenticate(header("alice", longer))).isFalse();
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        assertThat(AUTH.authenticate(header("alice", "right horse").replace("Basic", "basic"))).isTrue();
    }

    @Test
    void aHashThatIsNotBcryptIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new BasicAuthenticator(Map.of("alice", "plaintext")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("plaintext");
    }

    @Test
    void credentialsNeverShowThePassword() {
        assertThat(new BasicCredentials("alice", "right horse").toString()).doesNotContain("horse");
    }
}
