package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFileReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lists {@code /proc/driver/nvidia/capabilities/gpu*\/mig/}. */
public final class MigCapabilitiesProbe implements HostProbe<MigCapabilities> {

    static final String CAPABILITIES = "/proc/driver/nvidia/capabilities";

    @Override
    public Class<MigCapabilities> type() {
        return MigCapabilities.class;
    }

    @Override
    public MigCapabilities probe(HostFileReader files) {
        Map<Integer, List<String>> entries = new HashMap<>();
        for (String name : files.list(CAPABILITIES)) {
            if (!name.matches("gpu\\d{1,6}")) {
                continue;
            }
            String mig = CAPABILITIES + "/" + name + "/mig";
            if (files.exists(mig)) {
                entries.put(Integer.parseInt(name.substring(3)), files.list(mig));
            }
        }
        return new MigCapabilities(entries);
    }
}
