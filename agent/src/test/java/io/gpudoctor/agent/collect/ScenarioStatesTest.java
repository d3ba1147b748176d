package io.gpudoctor.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScenarioStatesTest {

    @Test
    void theDgxStateHoldsEightGpusWhosePodsUseMemory() {
        NodeState state = ScenarioStates.state("dgx-h100");

        assertThat(state.gpus().orElseThrow().inventory().gpus()).hasSize(8);
        assertThat(state.gpus().orElseThrow().attribution().containers()).isNotEmpty();
        assertThat(state.host().orElseThrow().verdict()).isEqualTo("ok");
    }
}
