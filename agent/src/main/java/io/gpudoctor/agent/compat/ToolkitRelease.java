package io.gpudoctor.agent.compat;

import java.util.List;
import java.util.Optional;

/**
 * One row of Table 3 of the CUDA release notes: the minimum Linux x86_64 driver of a toolkit
 * release. {@code updates} are the "Update N" numbers the row covers (0 = GA); {@code patches} the
 * X.Y.Z toolkit versions, when they differ from the update numbers (11.0 and 10.x).
 */
public record ToolkitRelease(String release, ToolkitVersion cuda, List<Integer> updates, List<Integer> patches,
        DriverVersion minimumLinuxDriver, Optional<String> minimumWindowsDriver, List<String> sources) {

    public ToolkitRelease {
        // Absent keys arrive as null from the YAML file.
        updates = updates == null ? List.of() : List.copyOf(updates);
        patches = patches == null || patches.isEmpty() ? updates : List.copyOf(patches);
        minimumWindowsDriver = minimumWindowsDriver == null ? Optional.empty() : minimumWindowsDriver;
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** Whether a requested version names this row; a bare X.Y means the GA release. */
    public boolean covers(ToolkitVersion version) {
        if (!cuda.sameMinorRelease(version)) {
            return false;
        }
        if (version.patch().isPresent()) {
            return patches.contains(version.patch().get());
        }
        return updates.contains(version.update().orElse(0));
    }
}
