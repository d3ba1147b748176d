package io.gpudoctor.agent.compat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CUDA releases NVIDIA has published beyond the Table 3 rows: how far the table knows, and how NVIDIA
 * numbers the builds of those releases (13.4's GA is 13.4.1, its Update 1 is 13.4.2).
 */
public record NewerReleases(ToolkitVersion newestPublished, List<Release> releases, List<String> sources) {

    public NewerReleases {
        releases = releases == null ? List.of() : List.copyOf(releases);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** One published minor release; {@code builds} names the release behind each third version digit. */
    public record Release(ToolkitVersion cuda, Map<Integer, String> builds, List<String> sources) {

        public Release {
            builds = builds == null ? Map.of() : Map.copyOf(builds);
            sources = sources == null ? List.of() : List.copyOf(sources);
        }
    }

    public Optional<Release> release(ToolkitVersion cuda) {
        return releases.stream().filter(r -> r.cuda().sameMinorRelease(cuda)).findFirst();
    }

    /**
     * The release a version names: "13.4 GA" for 13.4.1, "13.5 GA" for a bare 13.5. Beyond the table a
     * third digit is a build number, not an update, so one NVIDIA has not named is shown as it is.
     */
    public String name(ToolkitVersion cuda) {
        if (cuda.patch().isPresent()) {
            return release(cuda).map(Release::builds).map(b -> b.get(cuda.patch().get()))
                    .orElse(cuda.minorRelease() + "." + cuda.patch().get());
        }
        return cuda.minorRelease() + (cuda.update().orElse(0) == 0 ? " GA" : " Update " + cuda.update().get());
    }
}
