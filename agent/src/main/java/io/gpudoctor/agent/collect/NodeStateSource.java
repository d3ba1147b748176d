package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.container.ContainerRefException;
import io.gpudoctor.agent.diagnosis.Diagnosis;

/**
 * Where the HTTP routes and the metric binders get what they serve. Implementations never call
 * the driver on the caller's thread: {@link #current()} returns at once, and
 * {@link #diagnoseContainer(String)} reads host files only, with the GPUs as last collected.
 */
public interface NodeStateSource {

    /** The latest state; never blocks on NVML. */
    NodeState current();

    /**
     * The host diagnosis with one container's part, the driver's view taken from the latest
     * snapshot.
     *
     * @throws ContainerRefException when the REF names no container, several, or is not a REF
     */
    Diagnosis diagnoseContainer(String ref) throws ContainerRefException;
}
