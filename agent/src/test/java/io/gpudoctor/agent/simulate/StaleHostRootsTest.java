package io.gpudoctor.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleHostRootsTest {

    @TempDir
    Path tmp;

    private Path root(String name) throws Exception {
        Path root = Files.createDirectories(tmp.resolve(name).resolve("etc"));
        Files.writeString(root.resolve("os-release"), "ID=debian\n");
        return root.getParent();
    }

    @Test
    void aRootWhoseProcessIsGoneIsRemoved() throws Exception {
        Path stale = root("gpu-doctor-root-4242-123");
        assertThat(StaleHostRoots.sweep(tmp, pid -> false)).containsExactly(stale);
        assertThat(stale).doesNotExist();
    }

    @Test
    void aRootWhoseProcessRunsIsKept() throws Exception {
        Path live = root("gpu-doctor-root-4242-123");
        assertThat(StaleHostRoots.sweep(tmp, pid -> pid == 4242)).isEmpty();
        assertThat(live).exists();
    }

    @Test
    void aLinkOrAnotherNameIsNeverTouched() throws Exception {
        Path target = root("elsewhere");
        Path link = Files.createSymbolicLink(tmp.resolve("gpu-doctor-root-4242-123"), target);
        Path other = root("gpu-doctor-root-unrelated");
        assertThat(StaleHostRoots.sweep(tmp, pid -> false)).isEmpty();
        assertThat(link).exists();
        assertThat(target.resolve("etc/os-release")).exists();
        assertThat(other).exists();
    }

    @Test
    void thisProcessesPrefixNamesItsPid() {
        assertThat(StaleHostRoots.prefixForThisProcess()).isEqualTo("gpu-doctor-root-" + ProcessHandle.current().pid() + "-");
        assertThat(StaleHostRoots.running(ProcessHandle.current().pid())).isTrue();
    }
}
