package io.gpudoctor.agent.compat;

import java.util.List;
import java.util.Optional;

/**
 * The concrete steps the answers recommend, worded once: upgrade the driver, use an older image or
 * torch wheel, install cuda-compat.
 */
final class Remedies {

    private final CompatTable table;

    Remedies(CompatTable table) {
        this.table = table;
    }

    /** "upgrade the host driver to >= 570.124.06 (e.g. `apt install nvidia-driver-570`)". */
    String upgradeDriver(DriverVersion minimum) {
        return "upgrade the host driver to >= " + minimum + " (e.g. `apt install nvidia-driver-" + minimum.branch()
                + "` or the R" + minimum.branch() + " data-center driver)";
    }

    /** The newest toolkit release this driver meets the Table 3 minimum of. */
    Optional<ToolkitRelease> newestNativeRelease(DriverVersion driver) {
        return table.toolkitReleases().stream()
                .filter(release -> driver.isAtLeast(release.minimumLinuxDriver()))
                .max((a, b) -> a.minimumLinuxDriver().compareTo(b.minimumLinuxDriver()));
    }

    /** A recommended step and the sources of the numbers in it beyond those the answer already cites. */
    record Step(String text, List<String> sourceIds) {
    }

    /**
     * "use an image built for CUDA 12.2 or older (...); for PyTorch, ... cu121", or empty when the
     * driver runs no release in the table.
     */
    Optional<Step> olderImage(DriverVersion driver) {
        return newestNativeRelease(driver).map(newest -> {
            String step = "use an image built for CUDA " + newest.cuda().minorRelease() + " or older (the newest this driver "
                    + "runs natively is " + newest.release() + ")";
            return table.torchWheels().newestUpTo(newest.cuda())
                    .map(wheel -> new Step(step + "; for PyTorch, a wheel for " + wheel.variant() + ": `"
                            + wheel.installCommand() + "`", table.torchWheels().sources()))
                    .orElse(new Step(step, List.of()));
        });
    }

    /** "install cuda-compat-12-8 in the image and put /usr/local/cuda-12.8/compat on LD_LIBRARY_PATH". */
    static String installCompatPackage(ForwardCompatibility.Package compat) {
        return "install " + compat.name() + " in the image (`apt install " + compat.name() + "` from NVIDIA's CUDA "
                + "repository) and put " + compat.libraryDirectory() + " on LD_LIBRARY_PATH";
    }

    /** Steps joined as one sentence: "Upgrade ...; or use ...". */
    static String either(List<String> steps) {
        String joined = String.join("; or ", steps);
        return Character.toUpperCase(joined.charAt(0)) + joined.substring(1) + ".";
    }
}
