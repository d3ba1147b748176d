package io.gpudoctor.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.gpudoctor.agent.container.HostView;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.driver.DriverConnector;
import io.gpudoctor.agent.driver.DriverOptions;
import io.gpudoctor.agent.driver.LibraryChoice;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.MigGpuInstance;
import io.gpudoctor.agent.gpus.fields.GpuFields;
import io.gpudoctor.testing.NativeFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sampler over the fake libnvidia-ml (compiled against NVIDIA's nvml.h) through JNA: GPM
 * metrics from the second cycle on the H100, none on the Ada card, and each sample freed in the
 * driver once the next cycle has compared it.
 */
class GpmOnFakeNvmlTest {

    /** The fake's own control API, on the same loaded file the bindings use. */
    interface FakeControl extends Library {
        void fake_nvml_reset();

        int fake_nvml_call_count(String function);
    }

    @TempDir
    Path root;

    @Test
    void theFakeH100GivesGpmMetricsFromTheSecondCycleAndFreesEachSampleOnceCompared() throws Exception {
        FakeControl fake = Native.load(NativeFixtures.fakeNvml().toString(), FakeControl.class,
                Map.of(Library.OPTION_OPEN_FLAGS, 1));
        fake.fake_nvml_reset();
        DriverConnection driver = DriverConnector.connect(new DriverOptions(root,
                LibraryChoice.parse(NativeFixtures.fakeNvml().toString()),
                LibraryChoice.parse(NativeFixtures.fakeCuda().toString()), Optional.empty()));
        MutableClock clock = new MutableClock(ScenarioStates.AT);
        GpuSampler sampler = new GpuSampler(driver, HostView.at(root, clock), SimulatedNode.settings(), clock,
                new XidCounter(), () -> true);

        List<GpuReading> first = sampler.cycle().inventory().gpus();
        clock.advance(SimulatedNode.INTERVAL);
        List<GpuReading> second = sampler.cycle().inventory().gpus();
        clock.advance(SimulatedNode.INTERVAL);
        sampler.cycle();
        sampler.close();

        assertThat(first.get(0).value(GpuFields.TENSOR_ACTIVE)).isEmpty();
        assertThat(second.get(0).value(GpuFields.TENSOR_ACTIVE)).contains(0.42125);
        assertThat(second.get(0).value(GpuFields.NVLINK_TX_RATE)).contains(38912.25 * 1024 * 1024);
        assertThat(second.get(1).fields()).noneMatch(f -> f.field().startsWith("gpm."));
        assertThat(second.get(1).errors()).isEmpty();
        // The fake H100 is in MIG mode: its GPU instance 5 has its own values (a quarter of the GPU's, plus 5).
        assertThat(second.get(0).migInstances()).extracting(MigGpuInstance::id).containsExactly(3, 5);
        assertThat(second.get(0).migInstances().get(1).value(GpuFields.GRAPHICS_ACTIVE))
                .hasValueSatisfying(v -> assertThat(v).isCloseTo((87.25 / 4 + 5) / 100, within(1e-12)));
        // Three cycles on the H100 and each of its two GPU instances: three samples each, the two compared
        // ones freed, the last kept for the next cycle.
        assertThat(fake.fake_nvml_call_count("nvmlGpmSampleAlloc")).isEqualTo(9);
        assertThat(fake.fake_nvml_call_count("nvmlGpmSampleFree")).isEqualTo(6);
        assertThat(fake.fake_nvml_call_count("nvmlGpmMigSampleGet")).isEqualTo(6);
    }
}
