package io.gpudoctor.agent.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.collect.MemorySample;
import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.collect.ScenarioStates;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.metrics.NodeStates;
import io.gpudoctor.agent.web.ListenAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StatusPageTest {

    private static final NodeState DGX = ScenarioStates.state("dgx-h100");
    private static final NodeState BROKEN = ScenarioStates.state("broken-node");

    private static String render(NodeState state) {
        return new StatusPage(ListenAddress.parse(":9842"), () -> 9842).render(state, ScenarioStates.AT);
    }

    private static int count(String html, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void everyGpuOfTheDgxIsShownWithItsMemory() {
        String html = render(DGX);

        List<GpuReading> gpus = DGX.gpus().orElseThrow().inventory().gpus();
        assertThat(count(html, "<article class=\"gpu")).isEqualTo(8);
        for (GpuReading gpu : gpus) {
            assertThat(html).contains("data-gpu=\"" + gpu.index() + "\"").contains(gpu.uuid().orElseThrow());
        }
        assertThat(count(html, "<div class=\"bar\" role=\"meter\"")).isEqualTo(8);
        assertThat(html).contains("69.6 GiB of 79.6 GiB used (87 %)");
    }

    @Test
    void aMigGpusCardListsItsInstancesWithTheirMemory() {
        String html = render(DGX);

        assertThat(html).contains("<dt>MIG instance 1</dt><dd>3g.40gb, 9.0 GiB of 37.3 GiB used</dd>")
                .contains("<dt>MIG instance 2</dt><dd>3g.40gb, 0 B of 37.3 GiB used</dd>");
    }

    @Test
    void aHealthyNodeSaysSo() {
        String html = render(DGX);

        assertThat(html).contains("<header class=\"verdict-ok\">").contains("OK: no problem found")
                .contains("No problem found on the host.");
    }

    @Test
    void theBrokenNodesFindingsAreShownWithTheirEvidenceAndFixes() {
        String html = render(BROKEN);

        List<Finding> findings = BROKEN.host().orElseThrow().findings();
        assertThat(findings).isNotEmpty();
        for (Finding f : findings) {
            assertThat(html).contains("data-code=\"" + f.code().name() + "\"")
                    .contains(Html.escape(f.title()))
                    .contains(FixText.html(f.fix()));
            f.evidence().forEach(e -> assertThat(html).contains(Html.escape(e.observed())));
        }
        assertThat(html).contains("<header class=\"verdict-error\">").contains("ERROR: 7 errors, 4 warnings on the host");
    }

    @Test
    void withoutNvmlTheHeaderNamesTheKernelModulesDriverAndSaysWhereItWasRead() {
        String html = render(ScenarioStates.state("driver-mismatch"));

        assertThat(html).contains(" · driver 535.161.07 (kernel module, not NVML)");
    }

    @Test
    void errorsComeBeforeWarnings() {
        String html = render(BROKEN);

        assertThat(html.lastIndexOf("finding sev-error")).isLessThan(html.indexOf("finding sev-warn"));
    }

    @Test
    void aLostGpuIsShownWithoutReadingsAndWithItsError() {
        String html = render(BROKEN);

        // Its model is the one the kernel module registered for it: NVML cannot tell a lost GPU's.
        assertThat(html).contains("GPU 2 · NVIDIA A100-SXM4-80GB").contains("Memory: no reading")
                .contains("NVML_ERROR_GPU_IS_LOST");
    }

    @Test
    void theLostGpusCardKeepsTheIdentityTheKernelModuleRegistered() {
        String html = render(BROKEN);

        assertThat(card(html, 2)).contains("GPU 2 · NVIDIA A100-SXM4-80GB").contains("PCI 0000:3a:00.0")
                .doesNotContain("unknown");
    }

    @Test
    void aFindingAboutAGpuIsShownOnThatGpusCardOnly() {
        String html = render(BROKEN);

        assertThat(card(html, 1)).contains("<article class=\"gpu sev-error\"").contains("ECC_UNCORRECTABLE_ERRORS")
                .contains("Xid 48");
        assertThat(card(html, 0)).contains("NVLINK_DOWN").doesNotContain("ECC_UNCORRECTABLE_ERRORS");
        assertThat(card(html, 3)).contains("PCIE_LINK_DEGRADED").doesNotContain("NVLINK_DOWN");
        assertThat(card(html, 2)).contains("GPU_LOST").doesNotContain("ECC_UNCORRECTABLE_ERRORS");
    }

    @Test
    void aHealthyHostWithABrokenContainerSaysErrorInTheHeader() {
        String html = render(HostileStates.withHostileContainer(DGX));

        assertThat(html).contains("<header class=\"verdict-error\">")
                .contains("ERROR: 1 container cannot use its GPU").doesNotContain("OK: no problem found");
    }

    @Test
    void fixesShowCodeSpansAsCodeThatDoesNotWrapAndEscapeThem() {
        String html = render(BROKEN);

        assertThat(html).contains("<p class=\"fix-text\">").containsPattern("<code>sudo nvidia-smi[^<`]*</code>")
                .contains(".fix-text code { white-space: nowrap;");
        assertThat(FixText.html("run `a <b> & c` then `x")).isEqualTo("run <code>a &lt;b&gt; &amp; c</code> then `x");
    }

    @Test
    void theAskBoxNamesThePortAndAddressTheDaemonListensOn() {
        String any = new StatusPage(ListenAddress.parse(":19842"), () -> 19842).render(DGX, ScenarioStates.AT);
        String one = new StatusPage(ListenAddress.parse("10.0.0.5:9842"), () -> 9842).render(DGX, ScenarioStates.AT);
        String loopback = new StatusPage(ListenAddress.parse("127.0.0.1:9842"), () -> 9842).render(DGX, ScenarioStates.AT);

        assertThat(any).contains("curl -s '172.17.0.1:19842/diagnose?format=text'").doesNotContain(":9842/");
        assertThat(one).contains("curl -s '10.0.0.5:9842/diagnose?format=text'").doesNotContain("172.17.0.1");
        assertThat(loopback).contains("which no container can reach").doesNotContain("curl -s");
    }

    /** The card of GPU {@code index}. */
    private static String card(String html, int index) {
        int start = html.lastIndexOf("<article", html.indexOf("data-gpu=\"" + index + "\""));
        return html.substring(start, html.indexOf("</article>", start));
    }

    @Test
    void aStaleGpuIsMarkedWithTheAgeOfItsValues() {
        NodeState stale = NodeStates.stale(DGX, 3, ScenarioStates.AT.minus(Duration.ofSeconds(90)),
                "nvmlDeviceGetPowerUsage hung");

        String html = render(stale);

        assertThat(count(html, "<article class=\"gpu stale\"")).isEqualTo(1);
        assertThat(html).contains("<article class=\"gpu stale\" data-gpu=\"3\">")
                .contains("Stale: values read 1 min 30 s ago (nvmlDeviceGetPowerUsage hung)");
    }

    @Test
    void theContainersUsingGpusAreListedWithTheirPods() {
        String html = render(DGX);

        assertThat(html).contains("trainer").contains("training/llama-pretrain-0")
                .contains("triton").contains("serving/triton-7c9d5f-x2k4q").contains("containerd");
        assertThat(count(html, "<tr><td>")).isEqualTo(DGX.gpus().orElseThrow().attribution().containers().size());
    }

    @Test
    void aContainerNamedLikeAScriptIsRenderedInert() {
        String html = render(HostileStates.withHostileContainer(DGX));

        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>bold")
                .doesNotContain("</pre><script");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(2)&gt;")
                .contains("pod&quot;&gt;&lt;b&gt;bold&lt;/b&gt;");
    }

    @Test
    void containerFindingsAreShownUnderTheirContainer() {
        String html = render(HostileStates.withHostileContainer(DGX));

        assertThat(html).contains("<section id=\"container-findings\">")
                .contains("data-code=\"CONTAINER_LIBCUDA_MISSING\"");
    }

    @Test
    void everyWatchedContainerHasARowWithWhyItIsWatchedAndItsVerdict() {
        String html = render(HostileStates.withHostileContainer(DGX));

        assertThat(html).contains("<section id=\"watched\">")
                .containsPattern("<tr class=\"verdict-error\"><td>&lt;script&gt;.*<td>process on a GPU</td>"
                        + "<td class=\"sev-error\"><span class=\"badge\">error</span></td><td class=\"num\">1</td>");
    }

    @Test
    void thePageTellsADeveloperHowToAskFromInsideAContainer() {
        String html = render(DGX);

        assertThat(html).contains("<section id=\"ask\">").contains("curl -s '172.17.0.1:9842/diagnose?format=text'")
                .contains("curl -s \"$HOST_IP:9842/diagnose?format=text\"").contains("status.hostIP");
    }

    @Test
    void beforeTheFirstCollectionThePageSaysItIsWaiting() {
        String html = render(NodeState.empty());

        assertThat(html).contains("Waiting for the first collection").doesNotContain("<section");
    }

    @Test
    void theMemoryChartDrawsOneLinePerGpuOverTime() {
        MemorySample earlier = new MemorySample(ScenarioStates.AT.minusSeconds(60), Map.of(0, 1L << 34, 1, 1L << 35));
        NodeState state = new NodeState(DGX.gpus(), DGX.host(), DGX.containers(),
                List.of(earlier, DGX.memoryHistory().get(0)));

        String html = render(state);

        assertThat(count(html, "<polyline")).isEqualTo(8);
        assertThat(html).contains("09:59:00").contains("10:00:00 UTC");
        assertThat(count(html, "<li><span class=\"swatch\"")).isEqualTo(8);
    }

    @Test
    void thePageNeedsNothingFromTheNetworkAndNoScript() {
        String html = render(BROKEN);

        assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("http://")
                .doesNotContain("https://").doesNotContain("@import").doesNotContain("url(")
                .contains("<style>").contains("Content-Security-Policy\" content=\"default-src 'none';");
    }

    @Test
    void thePageReloadsItselfAndFitsAPhone() {
        String html = render(DGX);

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<meta http-equiv=\"refresh\" content=\"10\">")
                .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    }
}
