package io.gpudoctor.saferoot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinuxAbiTest {

    @Test
    void javaArchNamesMapToTheKernelsTables() {
        assertThat(LinuxAbi.forArch("amd64")).contains(LinuxAbi.X86_64);
        assertThat(LinuxAbi.forArch("aarch64")).contains(LinuxAbi.AARCH64);
        assertThat(LinuxAbi.forArch("ppc64le")).isEmpty();
    }

    @Test
    void openat2IsTheSameNumberOnBothButFlagsAndStatDiffer() {
        assertThat(LinuxAbi.X86_64.sysOpenat2()).isEqualTo(437).isEqualTo(LinuxAbi.AARCH64.sysOpenat2());
        assertThat(LinuxAbi.X86_64.oDirectory()).isEqualTo(0x10000);
        assertThat(LinuxAbi.AARCH64.oDirectory()).isEqualTo(0x4000);
        assertThat(LinuxAbi.X86_64.oNofollow()).isEqualTo(0x20000);
        assertThat(LinuxAbi.AARCH64.oNofollow()).isEqualTo(0x8000);
        assertThat(LinuxAbi.X86_64.statModeOffset()).isEqualTo(24);
        assertThat(LinuxAbi.AARCH64.statModeOffset()).isEqualTo(16);
    }
}
