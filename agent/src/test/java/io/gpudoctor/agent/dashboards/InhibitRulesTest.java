package io.gpudoctor.agent.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.metrics.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suggested Alertmanager inhibitions: a valid configuration that names only shipped alerts and mutes what it says. */
class InhibitRulesTest {

    private static final Pattern ALERT_NAMES = Pattern.compile("alertname=~?\"([^\"]*)\"");

    @TempDir
    Path dir;

    @Test
    void amtoolAcceptsTheRulesPastedIntoAnAlertmanagerConfiguration() throws IOException {
        String rules = Files.readString(Inhibition.FILE);
        Path config = Files.writeString(dir.resolve("alertmanager.yml"),
                "route:\n  receiver: pager\nreceivers:\n  - name: pager\n" + rules);

        ExternalTool.Result result = ExternalTool.require("amtool").run(List.of("check-config", config.toString()),
                Optional.empty(), dir, Map.of(), Duration.ofSeconds(60));

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).contains("7 inhibit rules");
    }

    @Test
    void everyAlertNameTheRulesMatchIsAShippedAlert() throws IOException {
        Set<String> shipped = DashboardFiles.alertRules().stream().map(a -> a.path("alert").asText())
                .collect(Collectors.toSet());
        Matcher m = ALERT_NAMES.matcher(Files.readString(Inhibition.FILE));
        int named = 0;
        while (m.find()) {
            for (String name : m.group(1).split("\\|")) {
                assertThat(shipped).contains(name);
                named++;
            }
        }
        assertThat(named).isGreaterThan(10);
    }

    @Test
    void aLostGpuMutesItsOwnXidButNotAnotherGpus() {
        Map<String, String> lost = Map.of("alertname", "GpuLost", "instance", "n:9842", "gpu", "2");
        Map<String, String> ownXid = Map.of("alertname", "GpuCriticalXid", "instance", "n:9842", "gpu", "2", "xid", "79");
        Map<String, String> otherXid = Map.of("alertname", "GpuCriticalXid", "instance", "n:9842", "gpu", "3", "xid", "79");

        assertThat(Inhibition.unmuted(List.of(lost, ownXid, otherXid))).containsExactly(lost, otherXid);
    }

    @Test
    void anEccErrorMutesItsXid48AndPendingRemapButNotAnNvlinkXid() {
        Map<String, String> ecc = Map.of("alertname", "GpuUncorrectableEccErrors", "instance", "n:9842", "gpu", "1");
        Map<String, String> xid48 = Map.of("alertname", "GpuCriticalXid", "instance", "n:9842", "gpu", "1", "xid", "48");
        Map<String, String> xid74 = Map.of("alertname", "GpuCriticalXid", "instance", "n:9842", "gpu", "1", "xid", "74");
        Map<String, String> pending = Map.of("alertname", "GpuRowRemapPending", "instance", "n:9842", "gpu", "1");

        assertThat(Inhibition.unmuted(List.of(ecc, xid48, xid74, pending))).containsExactly(ecc, xid74);
    }

    @Test
    void aDriverMismatchMutesNvmlDownOnItsNodeOnly() {
        Map<String, String> mismatch = Map.of("alertname", "GpuDriverLibraryMismatch", "instance", "a:9842");
        Map<String, String> nvmlHere = Map.of("alertname", "GpuDoctorNvmlDown", "instance", "a:9842");
        Map<String, String> nvmlThere = Map.of("alertname", "GpuDoctorNvmlDown", "instance", "b:9842");

        assertThat(Inhibition.unmuted(List.of(mismatch, nvmlHere, nvmlThere))).containsExactly(mismatch, nvmlThere);
    }
}
