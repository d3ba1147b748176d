package io.gpudoctor.agent.web.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gpudoctor.agent.web.auth.BasicAuthenticator;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Pure parser of an exporter-toolkit web config file ({@code tls_server_config},
 * {@code http_server_config}, {@code basic_auth_users}). Strict like the toolkit's
 * {@code UnmarshalStrict}: an unknown key is an error, since a misspelt security setting must not
 * be silently ignored. Files are not read here; relative paths are taken from {@code baseDir}.
 */
final class WebConfigParser {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static final Set<String> TOP_KEYS = Set.of("tls_server_config", "http_server_config", "basic_auth_users");
    private static final Set<String> TLS_KEYS = Set.of("cert", "key", "client_ca", "cert_file", "key_file",
            "client_auth_type", "client_ca_file", "cipher_suites", "curve_preferences", "min_version", "max_version",
            "prefer_server_cipher_suites", "client_allowed_sans");
    private static final Set<String> HTTP_KEYS = Set.of("headers", "http2");

    /** exporter-toolkit's fixed set of configurable headers, with the values allowed where they are an enumeration. */
    private static final Map<String, List<String>> HEADERS = Map.of(
            "Strict-Transport-Security", List.of(),
            "X-Content-Type-Options", List.of("nosniff"),
            "X-Frame-Options", List.of("deny", "sameorigin"),
            "X-XSS-Protection", List.of(),
            "Content-Security-Policy", List.of());

    /** Go's names for two suites the JDK names with their hash. */
    private static final Map<String, String> GO_CIPHER_ALIASES = Map.of(
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

    private WebConfigParser() {
    }

    /**
     * @param yaml    the file's text
     * @param baseDir the folder relative {@code *_file} paths are taken from
     */
    public static WebConfig parse(String yaml, Path baseDir) throws WebConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            // The YAML library's own message quotes the offending line, which may hold a key or a hash.
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            String duplicate = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? ": a key is given twice" : "";
            throw new WebConfigException("not valid YAML" + where + duplicate);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return WebConfig.none();
        }
        Map<String, JsonNode> top = mapping(root, "the file", TOP_KEYS);
        Optional<TlsSettings> settings = tls(mapping(top.get("tls_server_config"), "tls_server_config", TLS_KEYS),
                baseDir);
        Map<String, String> headers = Map.of();
        JsonNode http = top.get("http_server_config");
        if (http != null && !http.isNull()) {
            Map<String, JsonNode> httpKeys = mapping(http, "http_server_config", HTTP_KEYS);
            if (httpKeys.containsKey("http2") && !httpKeys.get("http2").isBoolean()) {
                throw new WebConfigException("http_server_config.http2 must be true or false");
            }
            headers = headers(httpKeys.get("headers"));
        }
        return new WebConfig(settings, headers, users(top.get("basic_auth_users")));
    }

    private static Optional<TlsSettings> tls(Map<String, JsonNode> keys, Path baseDir) throws WebConfigException {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        if (keys.containsKey("curve_preferences")) {
            throw new WebConfigException("tls_server_config.curve_preferences is not supported by gpu-doctor "
                    + "(the Java runtime's jdk.tls.namedGroups property chooses the curves); remove it");
        }
        PemSource certificate = pem(keys, "cert_file", "cert", baseDir)
                .orElseThrow(() -> new WebConfigException("tls_server_config: missing one of cert or cert_file"));
        PemSource privateKey = pem(keys, "key_file", "key", baseDir)
                .orElseThrow(() -> new WebConfigException("tls_server_config: missing one of key or key_file"));
        Optional<PemSource> clientCa = pem(keys, "client_ca_file", "client_ca", baseDir);
        ClientAuthType clientAuth = clientAuth(text(keys, "client_auth_type", "tls_server_config"));
        if (clientCa.isPresent() && clientAuth == ClientAuthType.NoClientCert) {
            throw new WebConfigException("tls_server_config: a client CA is configured but client_auth_type is "
                    + "NoClientCert; set client_auth_type to RequireAndVerifyClientCert");
        }
        if (clientAuth.verifies() && clientCa.isEmpty()) {
            throw new WebConfigException("tls_server_config: client_auth_type " + clientAuth
                    + " needs client_ca_file (or client_ca) to verify client certificates against");
        }
        TlsVersion min = version(keys, "min_version", TlsVersion.TLS12);
        TlsVersion max = version(keys, "max_version", TlsVersion.TLS13);
        if (max.compareTo(min) < 0) {
            throw new WebConfigException("tls_server_config: max_version " + max + " is below min_version " + min);
        }
        List<String> sans = strings(keys.get("client_allowed_sans"), "tls_server_config.client_allowed_sans");
        if (keys.containsKey("client_allowed_sans") && !clientAuth.requires()) {
            throw new WebConfigException("tls_server_config.client_allowed_sans requires client_auth_type "
                    + "RequireAnyClientCert or RequireAndVerifyClientCert");
        }
        JsonNode prefer = keys.get("prefer_server_cipher_suites");
        if (prefer != null && !prefer.isBoolean()) {
            throw new WebConfigException("tls_server_config.prefer_server_cipher_suites must be true or false");
        }
        return Optional.of(new TlsSettings(certificate, privateKey, clientAuth, clientCa, min, max,
                ciphers(strings(keys.get("cipher_suites"), "tls_server_config.cipher_suites")),
                prefer == null || prefer.booleanValue(), sans));
    }

    private static Optional<PemSource> pem(Map<String, JsonNode> keys, String fileKey, String inlineKey, Path baseDir)
            throws WebConfigException {
        Optional<String> file = text(keys, fileKey, "tls_server_config").filter(s -> !s.isEmpty());
        Optional<String> inline = text(keys, inlineKey, "tls_server_config").filter(s -> !s.isEmpty());
        if (file.isPresent() && inline.isPresent()) {
            throw new WebConfigException("tls_server_config: set " + fileKey + " or " + inlineKey + ", not both");
        }
        if (file.isPresent()) {
            if (file.get().indexOf('\0') >= 0) {
                throw new WebConfigException("tls_server_config." + fileKey + " holds a NUL character");
            }
            return Optional.of(new PemSource.File(fileKey, baseDir.resolve(file.get())));
        }
        return inline.map(pem -> new PemSource.Inline(inlineKey, pem));
    }

    private static ClientAuthType clientAuth(Optional<String> name) throws WebConfigException {
        if (name.isEmpty() || name.get().isEmpty()) {
            return ClientAuthType.NoClientCert;
        }
        if (name.get().equals("RequireClientCert")) {
            return ClientAuthType.RequireAnyClientCert;
        }
        for (ClientAuthType type : ClientAuthType.values()) {
            if (type.name().equals(name.get())) {
                return type;
            }
        }
        throw new WebConfigException("tls_server_config.client_auth_type \"" + printable(name.get())
                + "\" is not one of NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, "
                + "RequireAndVerifyClientCert");
    }

    private static TlsVersion version(Map<String, JsonNode> keys, String key, TlsVersion fallback)
            throws WebConfigException {
        Optional<String> name = text(keys, key, "tls_server_config").filter(s -> !s.isEmpty());
        if (name.isEmpty()) {
            return fallback;
        }
        return switch (name.get()) {
            case "TLS12" -> TlsVersion.TLS12;
            case "TLS13" -> TlsVersion.TLS13;
            case "TLS10", "TLS11" -> throw new WebConfigException("tls_server_config." + key + " " + name.get()
                    + " is not accepted: TLS 1.0 and 1.1 are broken; use TLS12 or TLS13");
            default -> throw new WebConfigException("tls_server_config." + key + " \"" + printable(name.get())
                    + "\" is not a TLS version; use TLS12 or TLS13");
        };
    }

    private static List<String> ciphers(List<String> names) throws WebConfigException {
        if (names.isEmpty()) {
            return names;
        }
        Set<String> supported;
        try {
            supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new WebConfigException("this Java runtime has no TLS implementation");
        }
        List<String> suites = new ArrayList<>();
        for (String name : names) {
            String suite = GO_CIPHER_ALIASES.getOrDefault(name, name);
            if (!supported.contains(suite)) {
                throw new WebConfigException("tls_server_config.cipher_suites: unknown cipher \"" + printable(name)
                        + "\"");
            }
            suites.add(suite);
        }
        return suites;
    }

    private static Map<String, String> headers(JsonNode node) throws WebConfigException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : mapping(node, "http_server_config.headers", null).entrySet()) {
            String name = entry.getKey();
            List<String> allowed = HEADERS.get(name);
            if (allowed == null) {
                throw new WebConfigException("http_server_config.headers: HTTP header \"" + printable(name)
                        + "\" can not be configured (only " + String.join(", ", HEADERS.keySet().stream().sorted()
                        .toList()) + ")");
            }
            String value = scalar(entry.getValue(), "http_server_config.headers." + name);
            if (!allowed.isEmpty() && !allowed.contains(value)) {
                throw new WebConfigException("http_server_config.headers: invalid value for " + name
                        + "; expected one of " + allowed + ", but got \"" + printable(value) + "\"");
            }
            if (!value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new WebConfigException("http_server_config.headers." + name
                        + " holds control or non-ASCII characters");
            }
            headers.put(name, value);
        }
        return headers;
    }

    private static Map<String, String> users(JsonNode node) throws WebConfigException {
        Map<String, String> users = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : mapping(node, "basic_auth_users", null).entrySet()) {
            String user = entry.getKey();
            if (user.isEmpty() || user.indexOf(':') >= 0 || !user.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
                throw new WebConfigException("basic_auth_users: user name \"" + printable(user)
                        + "\" is empty or holds ':' or control characters");
            }
            JsonNode hash = entry.getValue();
            if (hash == null || !hash.isTextual()) {
                throw new WebConfigException("basic_auth_users: the password of user \"" + printable(user)
                        + "\" must be a bcrypt hash string");
            }
            try {
                BasicAuthenticator.cost(hash.textValue());
            } catch (IllegalArgumentException e) {
                throw new WebConfigException("basic_auth_users: the password of user \"" + printable(user)
                        + "\" is not a bcrypt hash (it must look like $2y$10$ followed by 53 characters; "
                        + "make one with htpasswd -nBC 10 \"\" | tr -d ':\\n')");
            }
            users.put(user, hash.textValue());
        }
        return users;
    }

    /** The keys of a mapping; {@code allowed} null lets any key through. A null node is an empty mapping. */
    private static Map<String, JsonNode> mapping(JsonNode node, String where, Set<String> allowed)
            throws WebConfigException {
        Map<String, JsonNode> keys = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return keys;
        }
        if (!node.isObject()) {
            throw new WebConfigException(where + " must be a mapping of keys to values");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (allowed != null && !allowed.contains(field.getKey())) {
                throw new WebConfigException(where + ": unknown key \"" + printable(field.getKey()) + "\" (known: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            keys.put(field.getKey(), field.getValue());
        }
        return keys;
    }

    private static Optional<String> text(Map<String, JsonNode> keys, String key, String where)
            throws WebConfigException {
        JsonNode node = keys.get(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(scalar(node, where + "." + key));
    }

    private static String scalar(JsonNode node, String where) throws WebConfigException {
        if (node == null || !node.isValueNode() || node.isNull()) {
            throw new WebConfigException(where + " must be a string");
        }
        return node.asText();
    }

    private static List<String> strings(JsonNode node, String where) throws WebConfigException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new WebConfigException(where + " must be a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            values.add(scalar(element, where));
        }
        return values;
    }

    /** Enough of a value to recognise it, never control characters. */
    static String printable(String value) {
        String cut = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
