package io.gpudoctor.agent.gpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.nativecall.BoundedCaller;
import io.gpudoctor.nvml.MigMode;
import io.gpudoctor.nvml.Nvml;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.simulate.GpuModel;
import io.gpudoctor.simulate.Scenario;
import io.gpudoctor.simulate.SimulatedFault;
import io.gpudoctor.simulate.SimulatedMigDevice;
import io.gpudoctor.simulate.SimulatedNvml;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A MIG GPU's instances as one reading of it gives them, and what a driver's odd answers do to it. */
class MigQueriesTest {

    private final SimulatedNvml simulated = new SimulatedNvml(Scenario.builder("mig")
            .gpu(GpuModel.H100_SXM5_80GB, g -> g.migMode(new MigMode(true, true))
                    .migDevice(SimulatedMigDevice.of(1, 0, "3g.40gb", 0, 0))
                    .migDevice(SimulatedMigDevice.of(1, 1, "3g.40gb", 0, 0))
                    .migDevice(SimulatedMigDevice.of(2, 0, "4g.40gb", 0, 0)))
            .build());
    private final BoundedCaller caller = new BoundedCaller("test-nvml", Duration.ofSeconds(2));
    private final AtomicInteger migDeviceCalls = new AtomicInteger();

    @AfterEach
    void close() {
        caller.close();
        simulated.close();
    }

    /** The simulator, answering {@code slots} to the MIG slot count and counting the MIG device calls. */
    private Nvml answeringSlots(int slots) {
        return (Nvml) Proxy.newProxyInstance(Nvml.class.getClassLoader(), new Class<?>[] {Nvml.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("maxMigDeviceCount")) {
                        return slots;
                    }
                    if (method.getName().equals("migDevice")) {
                        migDeviceCalls.incrementAndGet();
                        if ((Integer) args[1] >= 7) {
                            return Optional.empty();
                        }
                    }
                    try {
                        return method.invoke(simulated, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void compute_instances_of_one_gpu_instance_are_one_instance_with_both() {
        simulated.init();

        GpuReading gpu = DriverQueries.gpu(simulated, 0, caller);

        assertThat(gpu.migInstances()).extracting(MigGpuInstance::id).containsExactly(1, 2);
        assertThat(gpu.migInstances().get(0).computeInstances()).extracting(MigGpuInstance.ComputeInstance::id)
                .containsExactly(0, 1);
        assertThat(gpu.migInstances().get(1).profile()).isEqualTo("4g.40gb");
        assertThat(gpu.errors()).isEmpty();
    }

    @Test
    void a_garbled_slot_count_is_asked_about_no_further_than_the_bound() {
        simulated.init();

        GpuReading gpu = DriverQueries.gpu(answeringSlots(Integer.MAX_VALUE), 0, caller);

        assertThat(migDeviceCalls.get()).isEqualTo(MigQueries.MAX_SLOTS);
        assertThat(gpu.migInstances()).hasSize(2);
    }

    @Test
    void a_failed_memory_call_leaves_the_instance_without_memory_and_says_so() {
        simulated.init();
        simulated.inject(SimulatedFault.error("migMemoryInfo", 0, NvmlReturn.ERROR_UNKNOWN));

        GpuReading gpu = DriverQueries.gpu(simulated, 0, caller);

        assertThat(gpu.migInstances()).hasSize(2).allSatisfy(gi -> assertThat(gi.memory()).isEmpty());
        assertThat(gpu.errors()).extracting(CallError::call).contains("migMemoryInfo");
    }
}
