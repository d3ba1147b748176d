package io.gpudoctor.agent.compat;

/**
 * Where a number in the table comes from. {@code confirmed} is false when the value could not be
 * checked against a primary NVIDIA page; answers that rest on such a source say so.
 */
public record Source(String id, String title, String url, boolean confirmed) {
}
