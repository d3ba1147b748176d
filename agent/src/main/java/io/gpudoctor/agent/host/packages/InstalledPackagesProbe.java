package io.gpudoctor.agent.host.packages;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFile;
import io.gpudoctor.agent.hostfs.HostFileReader;
import java.util.Map;

/**
 * Reads the dpkg status database (capped at 32 MiB: a desktop's is a few MiB). RPM-based hosts
 * keep a binary database this probe does not read; their versions stay unknown.
 */
public final class InstalledPackagesProbe implements HostProbe<InstalledPackages> {

    static final String DPKG_STATUS = "/var/lib/dpkg/status";
    private static final int CAP = 32 << 20;

    @Override
    public Class<InstalledPackages> type() {
        return InstalledPackages.class;
    }

    @Override
    public InstalledPackages probe(HostFileReader files) {
        HostFile status = files.read(DPKG_STATUS, CAP);
        return status.content()
                .map(text -> new InstalledPackages(DPKG_STATUS, DpkgStatusParser.parse(text), ""))
                .orElseGet(() -> new InstalledPackages(DPKG_STATUS, Map.of(), status.problem()));
    }
}
