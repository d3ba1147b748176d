package io.gpudoctor.agent.container.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class GpuMemoryAttributionTest {

    private static final long MIB = 1024L * 1024L;
    private static final WorkloadContainer TRAINER = new WorkloadContainer("a".repeat(64), "containerd",
            Optional.of("trainer"), Optional.of("train-job-0"), Optional.of("ml"));
    private static final WorkloadContainer NOTEBOOK = new WorkloadContainer("b".repeat(64), "docker",
            Optional.of("notebook"), Optional.empty(), Optional.empty());

    private static GpuProcessUse use(int gpu, long pid, long mib) {
        return new GpuProcessUse(gpu, "GPU-" + gpu, pid, Optional.of(mib * MIB));
    }

    private static GpuProcessUse unknown(int gpu, long pid) {
        return new GpuProcessUse(gpu, "GPU-" + gpu, pid, Optional.empty());
    }

    private static ProcessOrigin in(WorkloadContainer container, String comm) {
        return new ProcessOrigin(Optional.of(comm), Optional.of(container));
    }

    private static ProcessOrigin host(String comm) {
        return new ProcessOrigin(Optional.of(comm), Optional.empty());
    }

    @Test
    void containersAreSummedPerGpuAndHostProcessesGetRowsWithoutAContainer() {
        List<GpuProcessUse> uses = List.of(use(1, 300, 500), use(0, 100, 1000), use(0, 101, 3000), use(0, 200, 2000),
                use(1, 101, 700), use(0, 900, 50));
        Map<Long, ProcessOrigin> origins = Map.of(100L, in(TRAINER, "python"), 101L, in(TRAINER, "python"),
                200L, in(NOTEBOOK, "jupyter"), 300L, in(NOTEBOOK, "jupyter"), 900L, host("Xorg"));

        Attribution a = new GpuMemoryAttribution(32).attribute(uses, origins);

        assertThat(a.processes()).containsExactly(
                new ProcessMemory(0, "GPU-0", 101, "python", Optional.of(TRAINER), Optional.of(3000 * MIB)),
                new ProcessMemory(0, "GPU-0", 200, "jupyter", Optional.of(NOTEBOOK), Optional.of(2000 * MIB)),
                new ProcessMemory(0, "GPU-0", 100, "python", Optional.of(TRAINER), Optional.of(1000 * MIB)),
                new ProcessMemory(0, "GPU-0", 900, "Xorg", Optional.empty(), Optional.of(50 * MIB)),
                new ProcessMemory(1, "GPU-1", 101, "python", Optional.of(TRAINER), Optional.of(700 * MIB)),
                new ProcessMemory(1, "GPU-1", 300, "jupyter", Optional.of(NOTEBOOK), Optional.of(500 * MIB)));
        assertThat(a.containers()).containsExactly(
                new ContainerMemory(0, "GPU-0", TRAINER, 4000 * MIB, 2, 0),
                new ContainerMemory(0, "GPU-0", NOTEBOOK, 2000 * MIB, 1, 0),
                new ContainerMemory(1, "GPU-1", TRAINER, 700 * MIB, 1, 0),
                new ContainerMemory(1, "GPU-1", NOTEBOOK, 500 * MIB, 1, 0));
        assertThat(a.others()).isEmpty();
    }

    @Test
    void unknownMemoryIsCountedApartNotAsZeroAndSortsAfterKnown() {
        List<GpuProcessUse> uses = List.of(unknown(0, 100), use(0, 101, 10), unknown(0, 5));
        Map<Long, ProcessOrigin> origins = Map.of(100L, in(TRAINER, "python"), 101L, in(TRAINER, "python"));

        Attribution a = new GpuMemoryAttribution(32).attribute(uses, origins);

        assertThat(a.processes()).extracting(ProcessMemory::pid).containsExactly(101L, 5L, 100L);
        assertThat(a.processes().get(1)).isEqualTo(
                new ProcessMemory(0, "GPU-0", 5, "", Optional.empty(), Optional.empty()));
        assertThat(a.containers()).containsExactly(new ContainerMemory(0, "GPU-0", TRAINER, 10 * MIB, 2, 1));
    }

    @Test
    void beyondTopNProcessesAreSummedIntoOtherAndContainerTotalsStillCountThem() {
        List<GpuProcessUse> uses = LongStream.rangeClosed(1, 5).mapToObj(pid -> use(0, pid, pid * 100)).toList();
        List<GpuProcessUse> withUnknown = new ArrayList<>(uses);
        withUnknown.add(unknown(0, 6));
        Map<Long, ProcessOrigin> origins = Map.of(1L, in(TRAINER, "w"), 2L, in(TRAINER, "w"), 5L, in(TRAINER, "w"));

        Attribution a = new GpuMemoryAttribution(2).attribute(withUnknown, origins);

        assertThat(a.processes()).extracting(ProcessMemory::pid).containsExactly(5L, 4L);
        assertThat(a.others()).containsExactly(new OtherProcesses(0, "GPU-0", 4, 600 * MIB, 1));
        assertThat(a.containers()).containsExactly(new ContainerMemory(0, "GPU-0", TRAINER, 800 * MIB, 3, 0));
        long rows = a.processes().stream().mapToLong(p -> p.usedMemoryBytes().orElse(0L)).sum();
        assertThat(rows + a.others().get(0).usedMemoryBytes()).isEqualTo(1500 * MIB);
    }

    @Test
    void topZeroPutsEveryProcessIntoOther() {
        Attribution a = new GpuMemoryAttribution(0).attribute(List.of(use(0, 1, 1), use(0, 2, 2)), Map.of());

        assertThat(a.processes()).isEmpty();
        assertThat(a.others()).containsExactly(new OtherProcesses(0, "GPU-0", 2, 3 * MIB, 0));
    }

    @Test
    void aProcessListedTwiceOnOneGpuForComputeAndGraphicsIsCountedOnce() {
        Map<Long, ProcessOrigin> origins = Map.of(7L, in(NOTEBOOK, "blender"));

        Attribution a = new GpuMemoryAttribution(32).attribute(List.of(unknown(0, 7), use(0, 7, 64), use(0, 7, 64)),
                origins);

        assertThat(a.processes()).hasSize(1);
        assertThat(a.containers()).containsExactly(new ContainerMemory(0, "GPU-0", NOTEBOOK, 64 * MIB, 1, 0));
    }

    @Test
    void theOrderDoesNotDependOnTheInputOrder() {
        List<GpuProcessUse> uses = List.of(use(1, 3, 5), use(0, 2, 5), use(0, 1, 5), use(1, 4, 9));
        Map<Long, ProcessOrigin> origins = Map.of(1L, in(NOTEBOOK, "a"), 2L, in(TRAINER, "b"));
        GpuMemoryAttribution attribution = new GpuMemoryAttribution(32);

        Attribution forward = attribution.attribute(uses, origins);
        Attribution backward = attribution.attribute(List.of(uses.get(3), uses.get(2), uses.get(1), uses.get(0)), origins);

        assertThat(backward).isEqualTo(forward);
        assertThat(forward.processes()).extracting(ProcessMemory::pid).containsExactly(1L, 2L, 4L, 3L);
    }

    @Test
    void aNegativeBoundIsRefused() {
        assertThatThrownBy(() -> new GpuMemoryAttribution(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
