package io.gpudoctor.agent.host.cdi;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.HostProbe;
import java.util.List;

/**
 * The CDI probe and checks, for the host diagnosis to wire in. {@code CDI_SPEC_MISSING} is not
 * among the checks: it needs the runtime configuration's facts, see {@link CdiSpecMissing}.
 */
public final class CdiDiagnostics {

    private CdiDiagnostics() {
    }

    public static List<HostProbe<?>> probes() {
        return List.of(new CdiSpecProbe());
    }

    public static List<Check> checks() {
        return List.of(new CdiSpecInvalidCheck(), new CdiSpecStaleCheck());
    }
}
