package io.gpudoctor.agent.web.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads {@code --web.config.file}: parses it and, when it turns TLS on, loads the certificate and
 * key once, so that a broken file stops the daemon at start with one line rather than at the
 * first TLS handshake.
 */
public final class WebConfigLoader {

    /** Web config files are a few lines; more is not one. */
    static final int MAX_BYTES = 64 * 1024;

    private WebConfigLoader() {
    }

    /**
     * @throws WebConfigException with a one-line message that names the file
     */
    public static WebConfig load(Path file) throws WebConfigException {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            WebConfig config = WebConfigParser.parse(read(absolute), absolute.getParent());
            if (config.tls().isPresent()) {
                TlsContextFactory.create(config.tls().get());
            }
            return config;
        } catch (WebConfigException e) {
            throw new WebConfigException("web config " + file + ": " + e.getMessage());
        }
    }

    private static String read(Path file) throws WebConfigException {
        if (!Files.isRegularFile(file)) {
            throw new WebConfigException(Files.exists(file) ? "not a regular file" : "no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new WebConfigException("larger than " + MAX_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new WebConfigException("no such file");
        } catch (IOException e) {
            throw new WebConfigException("cannot read it (" + e.getClass().getSimpleName() + ")");
        }
    }
}
