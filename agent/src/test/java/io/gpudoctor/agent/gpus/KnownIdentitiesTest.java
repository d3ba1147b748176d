package io.gpudoctor.agent.gpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.collect.ScenarioStates;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownIdentitiesTest {

    @TempDir
    Path root;

    private static GpuReading named(int index, String uuid, String bus) {
        return unnamed(index).withIdentity(Optional.of(uuid), Optional.of("NVIDIA H100"), Optional.of(bus));
    }

    private static GpuReading unnamed(int index) {
        GpuReading any = ScenarioStates.state("dgx-h100").gpus().orElseThrow().inventory().gpus().get(0);
        return new GpuReading(index, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), any.clocksMhz(), Optional.empty(), any.pcieKilobytesPerSecond(),
                any.eccErrors(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of(), List.of(), List.of());
    }

    private void registered(String bus, String uuid) throws IOException {
        Path dir = Files.createDirectories(root.resolve("proc/driver/nvidia/gpus/" + bus));
        Files.writeString(dir.resolve("information"), "Model: \t\t NVIDIA H100 80GB HBM3\nGPU UUID: \t " + uuid
                + "\nBus Location: \t " + bus + "\nDevice Minor: \t 1\n");
    }

    private List<GpuReading> fill(List<GpuReading> gpus) {
        return KnownIdentities.fill(gpus, new HostFileReader(HostPaths.of(root)));
    }

    @Test
    void theUnnamedGpuGetsTheRegisteredGpuNoOtherReadingClaims() throws IOException {
        registered("0000:18:00.0", "GPU-a");
        registered("0000:2a:00.0", "GPU-b");

        GpuReading lost = fill(List.of(named(0, "GPU-a", "00000000:18:00.0"), unnamed(1))).get(1);

        assertThat(lost.uuid()).contains("GPU-b");
        assertThat(lost.pciBusId()).contains("0000:2a:00.0");
        assertThat(lost.name()).contains("NVIDIA H100 80GB HBM3");
    }

    @Test
    void whenTheUnclaimedGpusAreFewerThanTheUnnamedNothingIsGuessed() throws IOException {
        registered("0000:18:00.0", "GPU-a");

        List<GpuReading> gpus = fill(List.of(unnamed(0), unnamed(1)));

        assertThat(gpus).allSatisfy(g -> assertThat(g.uuid()).isEmpty());
    }

    @Test
    void withoutTheModulesFilesTheReadingsStayAsNvmlGaveThem() {
        List<GpuReading> gpus = fill(List.of(unnamed(0)));

        assertThat(gpus.get(0).uuid()).isEmpty();
    }

    @Test
    void aRegisteredGpuNvmlDoesNotListOutsideTheLostGpusIntervalIsNotTakenForIt() throws IOException {
        registered("0000:18:00.0", "GPU-a");
        registered("0000:2a:00.0", "GPU-lost");
        registered("0000:3a:00.0", "GPU-c");
        registered("0000:9a:00.0", "GPU-unlisted");

        GpuReading lost = fill(List.of(named(0, "GPU-a", "00000000:18:00.0"), unnamed(1),
                named(2, "GPU-c", "00000000:3A:00.0"))).get(1);

        assertThat(lost.uuid()).contains("GPU-lost");
    }

    @Test
    void twoCandidatesInTheIntervalOfOneLostGpuAreNotGuessedBetween() throws IOException {
        registered("0000:18:00.0", "GPU-a");
        registered("0000:2a:00.0", "GPU-x");
        registered("0000:2b:00.0", "GPU-y");
        registered("0000:3a:00.0", "GPU-c");

        GpuReading lost = fill(List.of(named(0, "GPU-a", "00000000:18:00.0"), unnamed(1),
                named(2, "GPU-c", "00000000:3A:00.0"))).get(1);

        assertThat(lost.uuid()).isEmpty();
    }
}
