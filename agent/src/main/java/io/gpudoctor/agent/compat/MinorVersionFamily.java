package io.gpudoctor.agent.compat;

import java.util.List;
import java.util.Optional;

/**
 * Minor version compatibility of one CUDA major: every X.* toolkit runs on a driver at or above
 * this minimum, with the caveats of [MVC]. The minimum is a full version (12.x: 525.60.13) or a
 * branch only (13.x: R580).
 */
public record MinorVersionFamily(int cudaMajor, Optional<DriverVersion> minimumLinuxDriver,
        Optional<Integer> minimumBranch, String note, List<String> sources) {

    public MinorVersionFamily {
        // Absent keys arrive as null from the YAML file.
        minimumLinuxDriver = minimumLinuxDriver == null ? Optional.empty() : minimumLinuxDriver;
        minimumBranch = minimumBranch == null ? Optional.empty() : minimumBranch;
        note = note == null ? "" : note;
        sources = sources == null ? List.of() : List.copyOf(sources);
        if (minimumLinuxDriver.isPresent() == minimumBranch.isPresent()) {
            throw new IllegalArgumentException("CUDA " + cudaMajor + ".x: give minimumLinuxDriver or minimumBranch");
        }
    }

    public DriverVersion minimumDriver() {
        return minimumLinuxDriver.orElseGet(() -> DriverVersion.branchFloor(minimumBranch.orElseThrow()));
    }

    /** "&gt;= 525.60.13" or "R580 or newer", as people read it. */
    public String minimumText() {
        return minimumLinuxDriver.map(v -> ">= " + v).orElseGet(() -> "R" + minimumBranch.orElseThrow() + " or newer");
    }
}
