package io.gpudoctor.agent.web;

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

    /** One scrape's body and the content type that names its format. */
    record Scrape(String contentType, String body) {
    }
}
