package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.compat.CudaCompatibility;
import io.gpudoctor.agent.compat.DriverVersion;
import io.gpudoctor.agent.compat.GpuModel;
import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.container.facts.ForwardCompatLibrary;
import io.gpudoctor.agent.container.facts.ForwardCompatNote;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The image's own forward-compat libcuda (F22), judged by its {@code .note.cuda.fwd_compatibility}
 * against the host: a driver branch the note does not list (when it lists any) gives CUDA error 803, a GPU that does not
 * support forward compatibility (GeForce, most workstation cards) error 804; otherwise the container
 * runs the note's CUDA through forward compatibility, which is worth knowing. Firmer than the
 * compatibility table's forecast, which {@link WorkloadCudaCheck} then leaves to this check.
 */
public final class ForwardCompatCheck implements ContainerCheck {

    private static final String ERROR_803 = "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH (803)";
    private static final String ERROR_804 = "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE (804, \"forward "
            + "compatibility was attempted on non supported HW\")";

    private final Supplier<CudaCompatibility> compatibilityTable;

    /** Over the table shipped in the jar, read on first use. */
    public ForwardCompatCheck() {
        this.compatibilityTable = CudaCompatibility::shipped;
    }

    @Override
    public List<Finding> evaluate(ContainerFacts container, HostFacts host) {
        Optional<HostDriver.Running> driver = HostDriver.running(host);
        if (driver.isEmpty()) {
            return List.of();
        }
        Optional<GpuModel> gpu = HostDriver.gpuModel(host, compatibilityTable.get());
        return ForwardCompatUse.inUseWithNote(container).stream()
                .map(library -> judge(container, library, driver.get(), gpu)).toList();
    }

    private static Finding judge(ContainerFacts container, ForwardCompatLibrary library, HostDriver.Running running,
                                 Optional<GpuModel> gpu) {
        DriverVersion driver = running.version();
        ForwardCompatNote note = library.note().value().orElseThrow();
        String path = library.file().path();
        String what = "the image's forward-compat libcuda " + path + " (CUDA " + note.cudaVersion() + ")";
        Finding.Builder finding;
        if (!note.driverBranches().isEmpty() && !note.driverBranches().contains(driver.branch())) {
            finding = Finding.of(FindingCode.CUDA_FORWARD_COMPAT_UNSUPPORTED, Severity.ERROR)
                    .title(capitalised(what) + " does not support driver branch R" + driver.branch())
                    .detail("Its compatibility note lists the branches it runs on: " + branches(note)
                            + ". Loaded against the host's " + driver.text() + " kernel module, CUDA fails with "
                            + ERROR_803 + " or " + ERROR_804 + ".")
                    .fix(takeOff(library) + " Or install the cuda-compat package built for this branch, or upgrade "
                            + "the host driver to one that runs CUDA " + note.cudaVersion() + " natively.");
        } else if (gpu.flatMap(g -> g.gpuClass().supportsForwardCompatibility()).filter(s -> !s).isPresent()) {
            GpuModel model = gpu.orElseThrow();
            finding = Finding.of(FindingCode.CUDA_FORWARD_COMPAT_UNSUPPORTED, Severity.ERROR)
                    .title(capitalised(what) + " cannot work on " + model.name())
                    .detail("Forward compatibility runs on data-center GPUs, Jetson and select NGC Server Ready RTX "
                            + "cards only; " + model.name() + " is a " + model.gpuClass().label() + " card, so CUDA "
                            + "fails with " + ERROR_804 + ".")
                    .fix(takeOff(library) + " Then use an image whose CUDA the host driver runs natively, or upgrade "
                            + "the host driver to one that runs CUDA " + note.cudaVersion() + ".");
        } else {
            boolean known = gpu.flatMap(g -> g.gpuClass().supportsForwardCompatibility()).isPresent();
            finding = Finding.of(FindingCode.CUDA_FORWARD_COMPAT, known ? Severity.INFO : Severity.WARN)
                    .title("The container runs CUDA " + note.cudaVersion() + " on driver " + driver.text()
                            + " through forward compatibility (" + path + ")")
                    .detail("Its compatibility note lists branch R" + driver.branch() + " (" + branches(note) + "). "
                            + (known ? "The GPU supports forward compatibility; PTX JIT works this way, OpenGL/Vulkan "
                            + "interop does not." : "It works on data-center GPUs only; on GeForce and most "
                            + "workstation cards CUDA fails with " + ERROR_804 + "."))
                    .fix("Nothing to do while the image and driver stay as they are; upgrading the host driver to one "
                            + "that runs CUDA " + note.cudaVersion() + " natively removes the need for it.");
        }
        finding.scope(Scope.CONTAINER)
                .evidence(path + " (image)", "note " + "{\"CUDA version\":\"" + note.cudaVersion() + "\",\"driver\":"
                        + note.driverBranches() + "}")
                .evidence(running.source(), "driver " + driver.text());
        gpu.ifPresent(g -> finding.evidence("NVML", "GPU " + g.name()));
        return finding.build();
    }

    private static String takeOff(ForwardCompatLibrary library) {
        String folder = library.file().path().substring(0, library.file().path().lastIndexOf('/'));
        return "Take " + folder + " off the library path: drop it from LD_LIBRARY_PATH and delete "
                + "/etc/ld.so.conf.d/00-compat-*.conf in the image, or set `cuda-compat-mode = \"disabled\"` under "
                + "[nvidia-container-runtime.modes.legacy] in /etc/nvidia-container-runtime/config.toml.";
    }

    private static String branches(ForwardCompatNote note) {
        return note.driverBranches().isEmpty() ? "none"
                : String.join(", ", note.driverBranches().stream().map(b -> "R" + b).toList());
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
