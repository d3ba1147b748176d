package io.gpudoctor.agent.diagnosis;

import java.util.List;

/** Probes that threw: a defect in gpu-doctor, reported as a finding instead of ending the diagnosis. */
public record ProbeFailures(List<Evidence> failures) {
}
