package io.gpudoctor.agent.host.toolkit;

import io.gpudoctor.agent.host.packages.UpstreamVersion;
import java.util.Optional;

/**
 * The toolkit's published vulnerabilities (failure-modes.md §3, from NVIDIA's security bulletins
 * and the CVE records), each with the first version that fixes it.
 */
public enum ToolkitCve {
    CVE_2024_0132("CVE-2024-0132 (with CVE-2024-0133)", UpstreamVersion.of(1, 16, 2), true,
            "a crafted image can reach the host file system (TOCTOU); CDI mode is not affected"),
    CVE_2024_0134("CVE-2024-0134", UpstreamVersion.of(1, 17, 0), false,
            "symlinks created at container start can escape the container root"),
    CVE_2024_0135("CVE-2024-0135, CVE-2024-0136, CVE-2024-0137", UpstreamVersion.of(1, 17, 3), false,
            "fixed together in 1.17.3"),
    CVE_2025_23359("CVE-2025-23359", UpstreamVersion.of(1, 17, 4), false,
            "the compat-library mount path can reach the host"),
    CVE_2025_23266("CVE-2025-23266 (NVIDIAScape)", UpstreamVersion.of(1, 17, 8), true,
            "createContainer hooks inherit the image's environment, so LD_PRELOAD runs in a privileged hook;"
                    + " before 1.17.5 only CDI mode is affected; workaround: [features] disable-cuda-compat-lib-hook = true");

    /** Before this version, CVE-2025-23266 affects only CDI mode (NVIDIA's bulletin). */
    static final UpstreamVersion NVIDIASCAPE_ALL_MODES = UpstreamVersion.of(1, 17, 5);

    private final String names;
    private final UpstreamVersion fixedIn;
    private final boolean critical;
    private final String note;

    ToolkitCve(String names, UpstreamVersion fixedIn, boolean critical, String note) {
        this.names = names;
        this.fixedIn = fixedIn;
        this.critical = critical;
        this.note = note;
    }

    public String names() {
        return names;
    }

    public UpstreamVersion fixedIn() {
        return fixedIn;
    }

    /** Rated critical (CVSS 9.0): a container can take over the host. */
    public boolean critical() {
        return critical;
    }

    public String note() {
        return note;
    }

    /**
     * The published mitigation of this CVE when the configuration applies it, as evidence names it:
     * NVIDIA's bulletin for CVE-2025-23266 disables the CUDA compat hook through
     * {@code [features] disable-cuda-compat-lib-hook = true}.
     */
    public Optional<String> mitigation(Optional<ToolkitConfig> config) {
        if (this == CVE_2025_23266 && config.map(c -> c.feature("disable-cuda-compat-lib-hook")).orElse(false)) {
            return Optional.of("features.disable-cuda-compat-lib-hook = true");
        }
        return Optional.empty();
    }

    /**
     * Whether this CVE affects {@code version}. CVE-2024-0132 spares CDI mode and CVE-2025-23266
     * before 1.17.5 affects only CDI mode, so {@code cdiMode} narrows those two.
     */
    public boolean affects(UpstreamVersion version, boolean cdiMode) {
        if (!version.isBelow(fixedIn)) {
            return false;
        }
        return switch (this) {
            case CVE_2024_0132 -> !cdiMode;
            case CVE_2025_23266 -> cdiMode || !version.isBelow(NVIDIASCAPE_ALL_MODES);
            default -> true;
        };
    }
}
