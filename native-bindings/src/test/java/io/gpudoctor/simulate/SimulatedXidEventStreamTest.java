package io.gpudoctor.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.nvml.NvmlException;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.nvml.XidEvent;
import io.gpudoctor.nvml.XidEventStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatedXidEventStreamTest {

    private static final Duration SHORT = Duration.ofMillis(50);

    private static SimulatedNvml started(Scenario scenario) {
        SimulatedNvml nvml = new SimulatedNvml(scenario);
        nvml.init();
        return nvml;
    }

    @Test
    void the_stream_yields_the_scenario_xids_in_order_then_nothing() {
        SimulatedNvml nvml = started(Scenario.builder("t").gpus(GpuModel.A100_SXM4_80GB, 4).xid(1, 48).xid(2, 79).build());

        try (XidEventStream events = nvml.xidEvents()) {
            assertThat(events.next(SHORT)).contains(new XidEvent(1, 48));
            assertThat(events.next(SHORT)).contains(new XidEvent(2, 79));
            assertThat(events.next(SHORT)).isEmpty();
        }
    }

    @Test
    void an_xid_injected_at_run_time_reaches_an_open_stream() {
        SimulatedNvml nvml = started(Scenario.builder("t").gpus(GpuModel.H100_SXM5_80GB, 8).build());

        try (XidEventStream events = nvml.xidEvents()) {
            nvml.injectXid(new XidEvent(6, 94));

            assertThat(events.next(Duration.ofSeconds(5))).contains(new XidEvent(6, 94));
        }
    }

    @Test
    void a_new_stream_does_not_repeat_events_an_earlier_one_read() {
        SimulatedNvml nvml = started(Scenario.builder("t").gpus(GpuModel.A100_SXM4_80GB, 4).xid(2, 79).build());
        try (XidEventStream first = nvml.xidEvents()) {
            first.next(SHORT);
        }

        try (XidEventStream second = nvml.xidEvents()) {
            assertThat(second.next(SHORT)).isEmpty();
        }
    }

    @Test
    void an_error_injected_on_xid_events_fails_the_wait() {
        SimulatedNvml nvml = started(Scenario.builder("t").gpus(GpuModel.A100_SXM4_80GB, 1).build());

        try (XidEventStream events = nvml.xidEvents()) {
            nvml.inject(SimulatedFault.errorEverywhere("xidEvents", NvmlReturn.ERROR_UNKNOWN));

            assertThatThrownBy(() -> events.next(SHORT))
                    .isInstanceOfSatisfying(NvmlException.class,
                            e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_UNKNOWN));
        }
    }

    @Test
    void registering_before_init_fails_as_uninitialized() {
        SimulatedNvml nvml = new SimulatedNvml(Scenario.builder("t").gpus(GpuModel.L4, 1).build());

        assertThatThrownBy(nvml::xidEvents)
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_UNINITIALIZED));
    }
}
