package io.gpudoctor.nvml;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the tests that call the bindings on the fake libnvidia-ml as an R535 driver: before
 * each test the fake is reset, loaded and initialised; after it, closed.
 */
abstract class InitialisedFakeNvmlTest {

    /** The fake's control API: its call counts, injected failures and events. */
    protected FakeNvml fake;
    /** The bindings under test, initialised. */
    protected JnaNvml nvml;

    @BeforeEach
    void loadAndInitTheFake() {
        fake = FakeNvml.current().reset();
        nvml = fake.load();
        nvml.init();
    }

    @AfterEach
    void shutDown() {
        nvml.close();
    }
}
