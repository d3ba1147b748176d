package io.gpudoctor.agent.host.kmsg;

import io.gpudoctor.agent.diagnosis.Severity;

/**
 * What an Xid means for whoever runs the node, and what to do about it.
 *
 * @param applicationFault the Xid is usually caused by the program running on the GPU, not by the GPU
 */
public record XidMeaning(int xid, String name, Severity severity, boolean applicationFault, String advice) {
}
