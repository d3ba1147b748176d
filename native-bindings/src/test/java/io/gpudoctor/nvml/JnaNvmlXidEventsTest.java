package io.gpudoctor.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JnaNvmlXidEventsTest extends InitialisedFakeNvmlTest {

    private static final Duration WAIT = Duration.ofMillis(100);

    @Test
    void queued_xids_are_read_in_order_with_their_gpu_index() {
        fake.pushXid(1, 79);
        fake.pushXid(0, 48);

        try (XidEventStream events = nvml.xidEvents()) {
            assertThat(events.next(WAIT)).contains(new XidEvent(1, 79));
            assertThat(events.next(WAIT)).contains(new XidEvent(0, 48));
        }
    }

    @Test
    void a_wait_with_no_event_is_empty() {
        try (XidEventStream events = nvml.xidEvents()) {
            assertThat(events.next(WAIT)).isEmpty();
        }
    }

    @Test
    void a_gpu_without_xid_event_support_is_skipped() {
        fake.fail("nvmlDeviceRegisterEvents", 1, NvmlReturn.ERROR_NOT_SUPPORTED);
        fake.pushXid(1, 79);
        fake.pushXid(0, 94);

        try (XidEventStream events = nvml.xidEvents()) {
            assertThat(events.next(WAIT)).contains(new XidEvent(0, 94));
            assertThat(events.next(WAIT)).isEmpty();
        }
    }

    @Test
    void a_failed_registration_frees_the_event_set_and_throws() {
        fake.fail("nvmlDeviceRegisterEvents", 1, NvmlReturn.ERROR_GPU_IS_LOST);

        assertThatThrownBy(nvml::xidEvents)
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.result()).isEqualTo(NvmlReturn.ERROR_GPU_IS_LOST));
        assertThat(fake.calls("nvmlEventSetFree")).isEqualTo(1);
    }

    @Test
    void a_failed_wait_throws() {
        fake.fail("nvmlEventSetWait_v2", FakeNvml.ALL_GPUS, NvmlReturn.ERROR_GPU_IS_LOST);

        try (XidEventStream events = nvml.xidEvents()) {
            assertThatThrownBy(() -> events.next(WAIT))
                    .isInstanceOfSatisfying(NvmlException.class,
                            e -> assertThat(e.call()).isEqualTo("nvmlEventSetWait_v2"));
        }
    }

    @Test
    void closing_the_stream_frees_the_event_set_once() {
        XidEventStream events = nvml.xidEvents();

        events.close();
        events.close();

        assertThat(fake.calls("nvmlEventSetFree")).isEqualTo(1);
    }
}
