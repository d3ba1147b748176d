package io.gpudoctor.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.attribution.GpuProcessUtilization;
import io.gpudoctor.agent.gpus.DriverQueries;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.nativecall.BoundedCaller;
import io.gpudoctor.nvml.Nvml;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.simulate.GpuModel;
import io.gpudoctor.simulate.Scenario;
import io.gpudoctor.simulate.SimulatedFault;
import io.gpudoctor.simulate.SimulatedNvml;
import io.gpudoctor.simulate.SimulatedProcess;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessUtilizationReaderTest {

    private final SimulatedNvml simulated = new SimulatedNvml(Scenario.builder("test")
            .gpu(GpuModel.H100_SXM5_80GB, g -> g.utilization(90, 40).process(SimulatedProcess.compute(4242, 1L << 30)))
            .build());
    private final BoundedCaller caller = new BoundedCaller("test-nvml", Duration.ofSeconds(2));
    private final List<Long> lastSeenAsked = new ArrayList<>();
    private final Nvml nvml = recording(simulated);

    @AfterEach
    void close() {
        caller.close();
        simulated.close();
    }

    /** The simulator, with the lastSeenTimeStamp of every processUtilization call noted. */
    private Nvml recording(SimulatedNvml target) {
        return (Nvml) Proxy.newProxyInstance(Nvml.class.getClassLoader(), new Class<?>[] {Nvml.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("processUtilization")) {
                        lastSeenAsked.add((Long) args[1]);
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private List<GpuReading> gpus() {
        return List.of(DriverQueries.gpu(nvml, 0, caller));
    }

    @Test
    void each_cycle_asks_only_for_samples_newer_than_the_last_cycles_newest() {
        simulated.init();
        ProcessUtilizationReader reader = new ProcessUtilizationReader();

        List<GpuProcessUtilization> first = reader.read(nvml, gpus(), caller);
        reader.read(nvml, gpus(), caller);

        assertThat(first).containsExactly(new GpuProcessUtilization(0, simulated.uuid(0), 4242, 90));
        assertThat(lastSeenAsked).containsExactly(0L, 1L);
    }

    @Test
    void a_gpu_whose_call_fails_has_no_samples() {
        simulated.init();
        simulated.inject(SimulatedFault.error("processUtilization", 0, NvmlReturn.ERROR_UNKNOWN));

        assertThat(new ProcessUtilizationReader().read(nvml, gpus(), caller)).isEmpty();
    }
}
