package io.gpudoctor.agent.web.config;

import java.nio.file.Path;

/** Where PEM text comes from: a file ({@code cert_file}) or the config itself ({@code cert}). */
public sealed interface PemSource {

    /** The key the config gave it under, for messages. */
    String key();

    /** PEM text in a file; a relative path is taken from the config file's folder. */
    record File(String key, Path path) implements PemSource {
    }

    /** PEM text written into the config. Its {@code toString} hides the text: it may be a private key. */
    record Inline(String key, String pem) implements PemSource {

        @Override
        public String toString() {
            return "Inline[" + key + "]";
        }
    }
}
