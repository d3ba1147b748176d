package io.gpudoctor.agent.container.facts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What CUDA the workload in a container needs: PyTorch installs in the usual Python folders
 * (bounded in depth and count), the CUDA toolkit's version files, and the CUDA image variables.
 */
final class WorkloadCuda {

    /** At most this many torch installs are read: enough for any real image. */
    private static final int MAX_INSTALLS = 16;
    /** At most this many folders under {@code /opt} or {@code /workspace} are tried as venvs. */
    private static final int MAX_VENVS = 32;

    private static final List<String> PYTHON_LIB_FOLDERS = List.of("/usr/lib", "/usr/local/lib", "/opt/conda/lib");
    private static final List<String> VENV_PARENTS = List.of("/opt", "/workspace");

    private final ContainerFiles files;

    WorkloadCuda(ContainerFiles files) {
        this.files = files;
    }

    /** The torch installs found. */
    List<TorchInstall> torchInstalls() {
        List<TorchInstall> installs = new ArrayList<>();
        for (String libFolder : libFolders()) {
            for (String python : files.namesOrNone(libFolder)) {
                if (!python.startsWith("python3")) {
                    continue;
                }
                for (String packages : List.of("site-packages", "dist-packages")) {
                    if (installs.size() >= MAX_INSTALLS) {
                        return installs;
                    }
                    String path = libFolder + "/" + python + "/" + packages + "/torch/version.py";
                    files.text(path).value().flatMap(text -> TorchVersionParser.parse(path, text)).ifPresent(installs::add);
                }
            }
        }
        return installs;
    }

    private Set<String> libFolders() {
        // /opt/conda is both a usual folder and one level under /opt: a set reads it once.
        Set<String> folders = new LinkedHashSet<>(PYTHON_LIB_FOLDERS);
        for (String parent : VENV_PARENTS) {
            files.namesOrNone(parent).stream().limit(MAX_VENVS).forEach(venv -> folders.add(parent + "/" + venv + "/lib"));
        }
        return folders;
    }

    /** Every stated CUDA version, torch first, then the toolkit files, then the variables. */
    List<CudaRequirement> requirements(List<TorchInstall> torch, Fact<ContainerEnvironment> environment) {
        List<CudaRequirement> found = new ArrayList<>();
        for (TorchInstall install : torch) {
            install.cuda().ifPresent(v -> found.add(new CudaRequirement(v, CudaRequirement.Source.TORCH, install.path())));
        }
        toolkit("/usr/local/cuda/version.json", CudaVersionParser::fromVersionJson)
                .or(() -> toolkit("/usr/local/cuda/version.txt", CudaVersionParser::fromVersionTxt))
                .ifPresent(found::add);
        found.addAll(fromEnvironment(environment));
        return found;
    }

    /** The CUDA versions stated by {@code CUDA_VERSION} and {@code NVIDIA_REQUIRE_CUDA}. */
    static List<CudaRequirement> fromEnvironment(Fact<ContainerEnvironment> environment) {
        List<CudaRequirement> found = new ArrayList<>();
        environment.value().ifPresent(env -> {
            env.get("CUDA_VERSION").flatMap(CudaVersionParser::fromCudaVersionVariable).ifPresent(v ->
                    found.add(new CudaRequirement(v, CudaRequirement.Source.ENV_CUDA_VERSION, "CUDA_VERSION")));
            env.get("NVIDIA_REQUIRE_CUDA").flatMap(CudaVersionParser::fromRequireCuda).ifPresent(v ->
                    found.add(new CudaRequirement(v, CudaRequirement.Source.ENV_NVIDIA_REQUIRE_CUDA, "NVIDIA_REQUIRE_CUDA")));
        });
        return found;
    }

    private Optional<CudaRequirement> toolkit(String path, Function<String, Optional<String>> parser) {
        return files.text(path).value().flatMap(parser)
                .map(v -> new CudaRequirement(v, CudaRequirement.Source.CUDA_TOOLKIT, path));
    }
}
