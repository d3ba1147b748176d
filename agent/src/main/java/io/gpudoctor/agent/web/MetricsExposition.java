package io.gpudoctor.agent.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * What {@code /metrics} answers: the registry's series in the format the scraper asked for
 * (Prometheus text, or OpenMetrics when its {@code Accept} header prefers it).
 */
@FunctionalInterface
public interface MetricsExposition {

    /**
     * @param acceptHeader the request's {@code Accept} header, empty text when it sent none
     */
    Scrape scrape(String acceptHeader);

    /**
     * One scrape's body, encoded once: scrapers that share a rendering share these bytes, and
     * nothing is encoded or compressed again per connection.
     *
     * @param contentType names the format
     * @param bytes       the exposition text in UTF-8
     * @param gzipped     {@code bytes} gzip-compressed, for scrapers that accept it (Prometheus does)
     */
    record Scrape(String contentType, byte[] bytes, byte[] gzipped) {

        /** A scrape of {@code body}, encoded and compressed now. */
        public static Scrape of(String contentType, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return new Scrape(contentType, bytes, gzip(bytes));
        }

        /** The exposition text. */
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private static byte[] gzip(byte[] bytes) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("gzip into memory cannot fail", e);
            }
            return out.toByteArray();
        }
    }
}
