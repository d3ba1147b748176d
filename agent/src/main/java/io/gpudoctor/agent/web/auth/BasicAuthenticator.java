package io.gpudoctor.agent.web.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.IllegalBCryptFormatException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Checks {@code Authorization: Basic} credentials against the web config's bcrypt hashes, the way
 * exporter-toolkit does: an unknown user is checked against a dummy hash of the same cost, so the
 * answer takes as long as for a real user and does not tell which users exist; one bcrypt
 * comparison runs at a time, which caps the CPU a password-guessing client can burn; and recent
 * outcomes are remembered under a SHA-256 of (user, hash, password), so a scraper that sends its
 * credentials every 15 s costs one comparison, not one per scrape. Passwords are never logged or kept.
 */
public final class BasicAuthenticator {

    /** bcrypt reads at most 72 bytes; a longer password is refused rather than silently cut. */
    static final int MAX_PASSWORD_BYTES = 72;

    /** Outcomes remembered, oldest forgotten first. */
    static final int CACHE_SIZE = 256;

    private final Map<String, String> users;
    private final String dummyHash;
    private final ReentrantLock bcryptLock = new ReentrantLock();
    private final Map<String, Boolean> outcomes = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /**
     * @param users user name → bcrypt hash, as {@code basic_auth_users} gives them (checked by the web config parser)
     * @throws IllegalArgumentException when there is no user or a hash is not bcrypt
     */
    public BasicAuthenticator(Map<String, String> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("basic auth needs at least one user");
        }
        this.users = Map.copyOf(users);
        int cost = this.users.values().stream().mapToInt(BasicAuthenticator::cost).max().orElseThrow();
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        this.dummyHash = BCrypt.withDefaults().hashToString(cost, HexFormat.of().formatHex(secret).toCharArray());
    }

    /** The cost factor of a bcrypt hash. */
    public static int cost(String hash) {
        try {
            return BCrypt.Version.VERSION_2A.parser.parse(hash.getBytes(StandardCharsets.UTF_8)).cost;
        } catch (IllegalBCryptFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not a bcrypt hash");
        }
    }

    /**
     * The remembered outcome for this {@code Authorization} header, without a bcrypt: empty when it
     * must be checked. A header that is no basic credentials at all is known to be wrong.
     */
    public Optional<Boolean> remembered(String authorizationHeader) {
        return usable(authorizationHeader).map(this::remembered).orElse(Optional.of(false));
    }

    /** Whether the {@code Authorization} header holds a known user's right password. */
    public boolean authenticate(String authorizationHeader) {
        return usable(authorizationHeader).map(c -> remembered(c).orElseGet(() -> verify(c))).orElse(false);
    }

    /** The credentials in the header, unless there are none or the password is longer than bcrypt reads. */
    private static Optional<BasicCredentials> usable(String authorizationHeader) {
        return BasicCredentials.parse(authorizationHeader).filter(c -> c.passwordBytes() <= MAX_PASSWORD_BYTES);
    }

    private Optional<Boolean> remembered(BasicCredentials credentials) {
        String known = users.get(credentials.user());
        String key = cacheKey(credentials, known == null ? dummyHash : known);
        synchronized (outcomes) {
            return Optional.ofNullable(outcomes.get(key)).map(outcome -> outcome && known != null);
        }
    }

    /** One bcrypt comparison, at most one at a time, its outcome remembered. */
    private boolean verify(BasicCredentials credentials) {
        String known = users.get(credentials.user());
        String hash = known == null ? dummyHash : known;
        boolean verified;
        bcryptLock.lock();
        try {
            verified = BCrypt.verifyer().verify(credentials.password().toCharArray(), hash.toCharArray()).verified;
        } finally {
            bcryptLock.unlock();
        }
        boolean outcome = verified && known != null;
        synchronized (outcomes) {
            outcomes.put(cacheKey(credentials, hash), outcome);
        }
        return outcome;
    }

    private static String cacheKey(BasicCredentials credentials, String hash) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {credentials.user(), hash, credentials.password()}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha256.update((byte) ':');
                sha256.update(bytes);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
