package io.gpudoctor.agent.host.node;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFile;
import io.gpudoctor.agent.hostfs.HostFileReader;

/** Reads SELinux's mode from selinuxfs: {@code 1} enforcing, {@code 0} permissive, no file no SELinux. */
public final class SelinuxProbe implements HostProbe<SelinuxFacts> {

    static final String ENFORCE = "/sys/fs/selinux/enforce";

    @Override
    public Class<SelinuxFacts> type() {
        return SelinuxFacts.class;
    }

    @Override
    public SelinuxFacts probe(HostFileReader files) {
        HostFile enforce = files.read(ENFORCE);
        if (!enforce.exists()) {
            return new SelinuxFacts(SelinuxFacts.Mode.DISABLED, "no " + ENFORCE);
        }
        String value = enforce.content().map(String::strip).orElse("");
        return switch (value) {
            case "1" -> new SelinuxFacts(SelinuxFacts.Mode.ENFORCING, "1");
            case "0" -> new SelinuxFacts(SelinuxFacts.Mode.PERMISSIVE, "0");
            default -> new SelinuxFacts(SelinuxFacts.Mode.UNKNOWN,
                    enforce.isOk() ? "unexpected content" : enforce.problem());
        };
    }
}
