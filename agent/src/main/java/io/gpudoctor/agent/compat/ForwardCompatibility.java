package io.gpudoctor.agent.compat;

import java.util.List;
import java.util.Optional;

/**
 * Forward compatibility [FWD]: which driver branches each {@code cuda-compat-X-Y} package runs on.
 * New-feature branches are excluded even where the table marks them, since NVIDIA does not
 * support them as targets.
 */
public record ForwardCompatibility(List<Package> packages, List<Integer> newFeatureBranches, List<String> sources,
        List<String> newFeatureBranchSources) {

    public ForwardCompatibility {
        packages = List.copyOf(packages);
        newFeatureBranches = newFeatureBranches == null ? List.of() : List.copyOf(newFeatureBranches);
        sources = List.copyOf(sources);
        newFeatureBranchSources = newFeatureBranchSources == null ? List.of() : List.copyOf(newFeatureBranchSources);
    }

    /**
     * One {@code cuda-compat-X-Y} package, the branches it supports (C in the table) and, where the
     * table says, the first branch that runs its CUDA natively (N/A in the table).
     */
    public record Package(ToolkitVersion cuda, List<Integer> branches, Optional<Integer> nativeFromBranch) {

        public Package {
            branches = List.copyOf(branches);
            nativeFromBranch = nativeFromBranch == null ? Optional.empty() : nativeFromBranch;
        }

        /** {@code cuda-compat-12-8}: the package name in NVIDIA's apt and dnf repositories. */
        public String name() {
            return "cuda-compat-" + cuda.major() + "-" + cuda.minor();
        }

        /** Where the package puts its libraries: the directory to put on LD_LIBRARY_PATH. */
        public String libraryDirectory() {
            return "/usr/local/cuda-" + cuda.minorRelease() + "/compat";
        }
    }

    public Optional<Package> packageFor(ToolkitVersion cuda) {
        return packages.stream().filter(p -> p.cuda().sameMinorRelease(cuda)).findFirst();
    }

    /** Whether {@code cuda-compat} for this CUDA version runs on this driver's branch. */
    public boolean supports(ToolkitVersion cuda, DriverVersion driver) {
        return !newFeatureBranches.contains(driver.branch())
                && packageFor(cuda).map(p -> p.branches().contains(driver.branch())).orElse(false);
    }
}
