package io.gpudoctor.agent.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.collect.ScenarioStates;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.web.ListenAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerPageTest {

    private static Diagnosis comfyui() throws Exception {
        return ScenarioStates.source("workstation-rtx4090").diagnoseContainer("comfyui");
    }

    private static String render(Diagnosis diagnosis) {
        return new StatusPage(ListenAddress.parse(":9842"), () -> 9842).renderContainer(diagnosis, ScenarioStates.AT);
    }

    @Test
    void theContainersPageNamesItAndSaysWhyItsGpuIsMissingWithTheFix() throws Exception {
        String html = render(comfyui());

        assertThat(html).contains("<title>gpu-doctor · comfyui · error</title>")
                .contains("<header class=\"verdict-error\">").contains("<h1>comfyui</h1>")
                .contains("data-code=\"CUDA_DRIVER_TOO_OLD\"").contains("<h4>Fix</h4>");
    }

    @Test
    void theContainersPageShowsNothingOfTheNodeBeyondItsDiagnosis() throws Exception {
        String html = render(comfyui());

        assertThat(html).doesNotContain("id=\"gpus\"", "id=\"memory\"", "id=\"watched\"", "id=\"container-findings\"");
    }

    @Test
    void theContainersPageDoesNotReloadItself() throws Exception {
        assertThat(render(comfyui())).doesNotContain("http-equiv=\"refresh\"");
    }

    @Test
    void aContainerNameAndFindingChosenByItsOwnerAreEscaped() throws Exception {
        Diagnosis real = comfyui();
        Diagnosis.Container container = real.container().orElseThrow();
        Diagnosis.Container named = new Diagnosis.Container(container.ref(), container.id(),
                Optional.of(HostileStates.SCRIPT), container.runtime(), container.pid(),
                Optional.of("pod\"><b>x</b>"), container.namespace(), container.cuda());
        Finding hostile = Finding.of(FindingCode.CONTAINER_LIBCUDA_MISSING, Severity.ERROR)
                .title("missing " + HostileStates.IMAGE).detail("d").evidence("file", HostileStates.SCRIPT)
                .fix("</pre>" + HostileStates.SCRIPT).build();
        Diagnosis diagnosis = new Diagnosis(real.schema(), real.generatedAt(), real.verdict(), real.host(),
                Optional.of(named), List.of(hostile));

        String html = render(diagnosis);

        assertThat(html).doesNotContain(HostileStates.SCRIPT, HostileStates.IMAGE, "<b>x</b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
}
