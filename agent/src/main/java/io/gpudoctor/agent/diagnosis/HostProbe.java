package io.gpudoctor.agent.diagnosis;

import io.gpudoctor.agent.hostfs.HostFileReader;

/**
 * Reads one concern's host files into its facts record. A probe never throws for anything a
 * host file contains: missing, empty, truncated or malformed files become "unknown" or invalid
 * facts, which checks turn into findings.
 *
 * @param <T> the facts record it produces
 */
public interface HostProbe<T> {

    /** The type under which the facts are stored in {@link HostFacts}. */
    Class<T> type();

    T probe(HostFileReader files);

    /**
     * Probes with the facts of the probes that ran before it at hand, for a probe that builds on
     * another's reading (the package database, say) instead of reading it again.
     */
    default T probe(HostFileReader files, HostFacts earlier) {
        return probe(files);
    }
}
