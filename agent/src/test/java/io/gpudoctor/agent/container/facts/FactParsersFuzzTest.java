package io.gpudoctor.agent.container.facts;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any content of the files a container's facts are read from (environ, mountinfo, maps, limits,
 * torch/version.py, the CUDA version sources, config.json): fewer or no facts, or a reason, never
 * an exception (a fuzz test fails on any exception its target throws).
 */
@Tag("fuzz")
class FactParsersFuzzTest {

    @FuzzTest
    void any_environ_yields_the_kept_variables(FuzzedDataProvider data) {
        ContainerEnvironment environment = EnvironParser.parse(data.consumeRemainingAsBytes());

        assertThat(environment.variables().keySet())
                .allMatch(name -> name.equals("PATH") || name.equals("LD_LIBRARY_PATH")
                        || name.startsWith("NVIDIA_") || name.startsWith("CUDA_"));
    }

    @FuzzTest
    void any_mountinfo_yields_mount_facts(FuzzedDataProvider data) {
        MountFacts facts = MountInfoParser.parse(text(data));

        assertThat(facts.driverLibraries()).extracting(DriverLibraryFile::path).doesNotHaveDuplicates();
        facts.shmBytes().ifPresent(bytes -> assertThat(bytes).isNotNegative());
    }

    @FuzzTest
    void any_maps_yield_the_libcuda_files(FuzzedDataProvider data) {
        assertThat(MapsParser.parse(text(data))).allSatisfy(library -> assertThat(library.path()).contains("libcuda.so"));
    }

    @FuzzTest
    void any_limits_yield_a_limit_or_none(FuzzedDataProvider data) {
        LimitsParser.lockedMemory(text(data)).ifPresent(limit -> {
            limit.softBytes().ifPresent(bytes -> assertThat(bytes).isNotNegative());
            limit.hardBytes().ifPresent(bytes -> assertThat(bytes).isNotNegative());
        });
    }

    @FuzzTest
    void any_torch_version_py_yields_an_install_or_none(FuzzedDataProvider data) {
        TorchVersionParser.parse("/usr/lib/python3/dist-packages/torch/version.py", text(data))
                .ifPresent(install -> assertThat(install.version()).hasSizeBetween(1, 64));
    }

    @FuzzTest
    void any_cuda_version_source_yields_a_version_or_none(FuzzedDataProvider data) {
        String text = text(data);

        assertThat(Stream.of(CudaVersionParser.fromVersionJson(text), CudaVersionParser.fromVersionTxt(text),
                CudaVersionParser.fromCudaVersionVariable(text), CudaVersionParser.fromRequireCuda(text))
                .flatMap(Optional::stream))
                .allMatch(version -> version.matches("\\d{1,3}\\.\\d{1,4}(\\.\\d{1,4})?"));
    }

    @FuzzTest
    void any_bundle_config_yields_facts_or_a_reason(FuzzedDataProvider data) {
        Fact<BundleFacts> facts = BundleConfigParser.parse(text(data));

        assertThat(facts.isKnown() || !facts.reason().isBlank()).isTrue();
    }

    private static String text(FuzzedDataProvider data) {
        return new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
    }
}
