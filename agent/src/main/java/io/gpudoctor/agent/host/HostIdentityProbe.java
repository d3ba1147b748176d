package io.gpudoctor.agent.host;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFile;
import io.gpudoctor.agent.hostfs.HostFileReader;

/** Reads the host's name and kernel release; "unknown" when the files are not there. */
public final class HostIdentityProbe implements HostProbe<HostIdentity> {

    @Override
    public Class<HostIdentity> type() {
        return HostIdentity.class;
    }

    @Override
    public HostIdentity probe(HostFileReader files) {
        String hostname = firstLine(files.read("/proc/sys/kernel/hostname"));
        if (hostname.isEmpty()) {
            hostname = firstLine(files.read("/etc/hostname"));
        }
        String kernel = firstLine(files.read("/proc/sys/kernel/osrelease"));
        return new HostIdentity(hostname.isEmpty() ? "unknown" : hostname, kernel.isEmpty() ? "unknown" : kernel);
    }

    private static String firstLine(HostFile file) {
        return file.content().map(t -> t.lines().findFirst().orElse("").strip()).orElse("");
    }
}
