package io.gpudoctor.agent.host.cdi;

import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.driver.LibraryReport;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuInventoryCollector;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.simulate.GpuModel;
import io.gpudoctor.simulate.Scenario;
import io.gpudoctor.simulate.SimulatedCudaDriver;
import io.gpudoctor.simulate.SimulatedNvml;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** GPU inventories collected from simulated drivers, matching the GPUs of the fixture spec {@code host/cdi/nvidia.yaml}. */
public final class SimulatedInventory {

    public static final String DRIVER = "535.161.07";
    public static final String UUID_0 = "GPU-4f2b1a3e-7c1d-5e9a-b0c4-1d2e3f4a5b6c";
    public static final String UUID_1 = "GPU-9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d";

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    private SimulatedInventory() {
    }

    /** Two A100s with the fixture's UUIDs, on driver 535.161.07. */
    public static GpuInventory fixtureNode() {
        return of(Scenario.builder("t").driver(DRIVER, 12020)
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid(UUID_0))
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid(UUID_1))
                .build());
    }

    public static GpuInventory of(Scenario scenario) {
        LibraryReport simulated = new LibraryReport("libnvidia-ml.so.1", "simulated", Optional.empty(), List.of(),
                true, Optional.empty(), Optional.empty());
        DriverConnection driver = new DriverConnection("simulated:" + scenario.name(), simulated, simulated,
                Optional.of(new SimulatedNvml(scenario)), Optional.of(new SimulatedCudaDriver(scenario)));
        return new GpuInventoryCollector(Duration.ofSeconds(2), CLOCK).collect(driver, new HostFileReader(HostPaths.of(Path.of("/"))));
    }
}
