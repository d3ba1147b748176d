package io.gpudoctor.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container that exits while it is diagnosed: its process's {@code /proc} folder and its
 * containerd bundle are taken away (and put back, as a restarted container's would be) while
 * {@code /diagnose?container=} asks for it.
 */
class ExitingContainerTest {

    /** dgx-h100's Triton server: one process, 51002, on GPU 6. */
    private static final String ID = "f4bd3123901c97ab364483252f029090ec43a2f3e756ecdb22780e5918aa1b78";
    private static final String DIAGNOSIS = ServingAssertions.CONTAINER_DIAGNOSIS + "=" + ID.substring(0, 12);
    private static final String BUNDLE = "/run/containerd/io.containerd.runtime.v2.task/k8s.io/" + ID;
    private static final int DIAGNOSES = 200;
    /** How long the container stays gone or there: long enough for some diagnoses to see each state whole. */
    private static final long DWELL_MS = 15;

    @TempDir
    Path folder;

    @Test
    void everyAnswerIsTheContainersDiagnosisOrACleanNotFound() throws Exception {
        try (FaultyNode node = FaultyNode.simulated("dgx-h100", folder).ready();
             Scrapers scrapers = Scrapers.start(node, 2, routes())) {
            List<HostTree> container = container(node.root());
            DaemonResources before = node.resources();
            List<String> failures = new ArrayList<>();
            int diagnosed = 0;
            int notFound = 0;

            long rounds;
            try (FaultLoop loop = FaultLoop.start("exiting-container", round -> {
                for (HostTree part : container) {
                    if (round % 2 == 0) {
                        part.remove();
                    } else {
                        part.restore();
                    }
                }
                sleep(DWELL_MS);
            })) {
                for (int i = 0; i < DIAGNOSES; i++) {
                    Answer answer = node.get(DIAGNOSIS);
                    if (isDiagnosis(answer)) {
                        diagnosed++;
                    } else if (isNotFound(answer)) {
                        notFound++;
                    } else {
                        failures.add(answer.status() + ": " + answer.body());
                    }
                }
                rounds = loop.rounds();
            }
            for (HostTree part : container) {
                part.restore();
            }
            DaemonResources after = node.resources();
            scrapers.close();

            assertThat(failures).as("answers neither a diagnosis nor a clean 404").isEmpty();
            assertThat(diagnosed).as("diagnoses").isPositive();
            assertThat(notFound).as("clean 404s").isPositive();
            ServingAssertions.servedThroughout(scrapers.tally());
            ServingAssertions.leakedNothing(before, after);
            FaultFigures.of("a container's /proc folder and containerd bundle removed and put back every "
                            + DWELL_MS + " ms while " + DIAGNOSES + " diagnoses of it were asked", scrapers.tally(),
                            before, after)
                    .add("fault_rounds", rounds)
                    .add("diagnoses_200", diagnosed)
                    .add("diagnoses_404", notFound)
                    .add("diagnoses_failed", failures.size())
                    .write("exiting-container");
        }
    }

    @Test
    void aContainerThatIsBackIsDiagnosedAgain() throws Exception {
        try (FaultyNode node = FaultyNode.simulated("dgx-h100", folder).ready()) {
            List<HostTree> container = container(node.root());
            for (HostTree part : container) {
                part.remove();
            }
            Answer gone = node.get(DIAGNOSIS);

            for (HostTree part : container) {
                part.restore();
            }

            assertThat(isNotFound(gone)).as("gone: %s", gone.body()).isTrue();
            assertThat(isDiagnosis(node.get(DIAGNOSIS))).isTrue();
        }
    }

    private static boolean isDiagnosis(Answer answer) {
        return answer.status() == 200 && answer.body().contains("\"schema\" : \"gpu-doctor/diagnosis/v1\"")
                && answer.body().contains(ID) && !answer.body().contains("CHECK_FAILED")
                && !ScrapeTally.carriesStackTrace(answer.body());
    }

    private static boolean isNotFound(Answer answer) {
        return answer.status() == 404 && answer.body().startsWith("{")
                && answer.body().contains("\"CONTAINER_NOT_FOUND\"") && !ScrapeTally.carriesStackTrace(answer.body());
    }

    private static List<HostTree> container(Path root) {
        return List.of(HostTree.of(root, "/proc/51002"), HostTree.of(root, BUNDLE));
    }

    private static List<String> routes() {
        List<String> routes = new ArrayList<>(ServingAssertions.ROUTES);
        routes.add("/api/v1/containers");
        routes.add(DIAGNOSIS);
        return routes;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
