package io.gpudoctor.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.hostfs.HostRootFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container runtimes' and the toolkit's config files rewritten in place while the daemon
 * diagnoses: by turns as they were, cut in half, random bytes, empty, and deleted.
 */
class RewrittenConfigTest {

    private static final List<String> CONFIGS = List.of("/etc/docker/daemon.json", "/etc/containerd/config.toml",
            "/etc/containerd/conf.d/99-nvidia.toml", "/etc/nvidia-container-runtime/config.toml",
            "/var/run/cdi/nvidia.yaml");
    /** dgx-h100 has no Docker; it gets a daemon.json configuring the NVIDIA runtime, so that one is read too. */
    private static final String DAEMON_JSON = "{\"runtimes\": {\"nvidia\": {\"path\": \"nvidia-container-runtime\","
            + " \"runtimeArgs\": []}}, \"default-runtime\": \"nvidia\"}\n";
    private static final String TRAINER = "/diagnose?container=c46a6bcec4bc";
    private static final int DIAGNOSES = 150;
    /** The findings that say a config file is broken. */
    private static final List<String> INVALID = List.of("DOCKER_CONFIG_INVALID", "CONTAINERD_CONFIG_INVALID",
            "TOOLKIT_CONFIG_INVALID", "CDI_SPEC_INVALID");
    private static final Pattern CODE = Pattern.compile("\"code\" : \"([A-Z_]+)\"");

    @TempDir
    Path folder;

    @Test
    void everyDiagnosisIsValidOrNamesTheBrokenFileNeverACheckThatFailed() throws Exception {
        try (FaultyNode node = FaultyNode.simulated("dgx-h100", folder).ready();
             Scrapers scrapers = Scrapers.start(node, 2, ServingAssertions.ROUTES)) {
            List<HostTree> configs = configs(node.root());
            DaemonResources before = node.resources();
            List<String> failures = new ArrayList<>();
            Set<String> codesSeen = new TreeSet<>();

            long rounds;
            try (FaultLoop loop = FaultLoop.start("rewritten-config", round -> rewrite(configs, round))) {
                for (int i = 0; i < DIAGNOSES; i++) {
                    String path = i % 3 == 0 ? "/diagnose" : i % 3 == 1 ? TRAINER : TRAINER + "&format=text";
                    Answer answer = node.get(path);
                    if (answer.status() != 200 || answer.body().contains("CHECK_FAILED")
                            || ScrapeTally.carriesStackTrace(answer.body())) {
                        failures.add(answer.status() + " " + path + ": " + answer.body());
                    }
                    codesSeen.addAll(codes(answer.body()));
                }
                rounds = loop.rounds();
            }
            DaemonResources after = node.resources();
            scrapers.close();

            assertThat(failures).as("diagnoses that failed or hold CHECK_FAILED").isEmpty();
            assertThat(codesSeen).as("the broken files were seen").containsAnyElementsOf(INVALID);
            ServingAssertions.servedThroughout(scrapers.tally());
            ServingAssertions.leakedNothing(before, after);
            FaultFigures.of(CONFIGS.size() + " runtime and toolkit config files rewritten in place (valid, cut in"
                            + " half, random bytes, empty, deleted) while " + DIAGNOSES + " diagnoses were asked",
                            scrapers.tally(), before, after)
                    .add("fault_rounds", rounds)
                    .add("diagnoses_failed", failures.size())
                    .add("finding_codes_seen", codesSeen)
                    .write("rewritten-config");
        }
    }

    @Test
    void theDiagnosisIsAsBeforeOnceTheFilesAreWhole() throws Exception {
        try (FaultyNode node = FaultyNode.simulated("dgx-h100", folder).ready()) {
            List<HostTree> configs = configs(node.root());
            Set<String> whole = codes(node.get(TRAINER).body());
            try (FaultLoop loop = FaultLoop.start("rewritten-config", round -> rewrite(configs, round))) {
                awaitRounds(loop, 50);
            }

            for (HostTree config : configs) {
                config.restore();
            }

            assertThat(whole).doesNotContainAnyElementsOf(INVALID);
            assertThat(codes(node.get(TRAINER).body())).isEqualTo(whole);
            assertThat(codes(node.await("/diagnose", a -> codes(a.body()).stream().noneMatch(INVALID::contains))
                    .body())).doesNotContainAnyElementsOf(INVALID);
        }
    }

    /** Each file in turn as it was, cut in half, random bytes, empty, and deleted. */
    private static void rewrite(List<HostTree> configs, long round) throws IOException {
        Random random = new Random(round);
        for (HostTree config : configs) {
            switch ((int) (round % 5)) {
                case 0 -> config.restore();
                case 1 -> config.overwrite(b -> Arrays.copyOf(b, b.length / 2));
                case 2 -> config.overwrite(b -> {
                    byte[] noise = new byte[b.length];
                    random.nextBytes(noise);
                    return noise;
                });
                case 3 -> config.overwrite(b -> new byte[0]);
                default -> config.remove();
            }
        }
    }

    private List<HostTree> configs(Path root) throws IOException {
        Path daemonJson = HostRootFiles.write(root, "/etc/docker/daemon.json", DAEMON_JSON);
        Files.setLastModifiedTime(daemonJson, Files.getLastModifiedTime(root.resolve("etc/containerd/config.toml")));
        return CONFIGS.stream().map(c -> HostTree.of(root, c)).toList();
    }

    private static void awaitRounds(FaultLoop loop, long rounds) throws InterruptedException {
        Instant deadline = Instant.now().plus(FaultyNode.PATIENCE);
        while (loop.rounds() < rounds && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
    }

    private static Set<String> codes(String diagnosis) {
        Set<String> codes = new TreeSet<>();
        Matcher m = CODE.matcher(diagnosis);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }
}
