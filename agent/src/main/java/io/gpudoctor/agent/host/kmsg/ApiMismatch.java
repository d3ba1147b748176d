package io.gpudoctor.agent.host.kmsg;

/**
 * {@code NVRM: API mismatch: the client has the version X, but this kernel module has the version
 * Y}: a userspace library of version X talked to kernel module Y.
 */
public record ApiMismatch(String clientVersion, String kernelModuleVersion, String message) {
}
