package io.gpudoctor.agent.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiagnosisAnswerTest {

    private static Finding finding(FindingCode code, Severity severity, String title, String fix) {
        return Finding.of(code, severity).title(title).fix(fix).build();
    }

    private static Diagnosis diagnosis(Optional<String> container, Finding... findings) {
        Diagnosis.Driver driver = new Diagnosis.Driver(Optional.empty(),
                new Diagnosis.Nvml(Optional.empty(), Optional.empty(), "LIBRARY_NOT_LOADED"),
                new Diagnosis.Cuda(Optional.empty(), Optional.empty(), "LIBRARY_NOT_LOADED"));
        return new Diagnosis("gpu-doctor/diagnosis/v1", "2026-12-07T00:00:00Z", "error",
                new Diagnosis.Host("node", "6.8", driver, List.of()),
                container.map(name -> new Diagnosis.Container(name, "ab".repeat(32), Optional.of(name), "podman", 42,
                        Optional.empty(), Optional.empty(), Optional.empty())),
                List.of(findings));
    }

    private static final Finding NOT_INJECTED = finding(FindingCode.CONTAINER_NO_GPU_INJECTED, Severity.ERROR,
            "The container asked for GPUs but none was injected: it ran under plain runc", "podman run ...");
    private static final Finding SHM = finding(FindingCode.CONTAINER_SHM_TOO_SMALL, Severity.WARN,
            "/dev/shm is only 64 MiB: more is needed", "--shm-size");
    private static final Finding NO_GPU = finding(FindingCode.NO_NVIDIA_GPU, Severity.INFO,
            "No NVIDIA GPU and no NVIDIA driver here: nothing to diagnose", "lspci");

    @Test
    void a_host_without_a_gpu_answers_first_though_it_is_only_a_note_and_explains_the_rest() {
        DiagnosisAnswer answer = DiagnosisAnswer.of(diagnosis(Optional.of("app"), NOT_INJECTED, SHM, NO_GPU));

        assertThat(answer.headline()).isEqualTo("Container app cannot use a GPU: no NVIDIA GPU and no NVIDIA driver here.");
        assertThat(answer.answer()).containsExactly(NO_GPU);
        assertThat(answer.alsoFound()).containsExactly(NOT_INJECTED, SHM);
    }

    @Test
    void the_containers_own_error_answers_and_a_warning_about_shared_memory_is_found_apart() {
        DiagnosisAnswer answer = DiagnosisAnswer.of(diagnosis(Optional.of("app"), SHM, NOT_INJECTED));

        assertThat(answer.headline()).isEqualTo(
                "Container app cannot use the GPU: the container asked for GPUs but none was injected.");
        assertThat(answer.answer()).containsExactly(NOT_INJECTED);
        assertThat(answer.alsoFound()).containsExactly(SHM);
    }

    @Test
    void a_node_with_only_warnings_can_use_its_gpus_and_says_how_many_warnings_follow() {
        assertThat(DiagnosisAnswer.of(diagnosis(Optional.empty(), SHM)).headline())
                .isEqualTo("Containers on this node can use its 0 GPUs: gpu-doctor found nothing that stops them;"
                        + " 1 warning below.");
    }

    @Test
    void a_container_gpu_doctor_could_not_look_at_is_never_said_to_be_fine() {
        Finding notLooked = finding(FindingCode.CONTAINER_NOT_READABLE, Severity.WARN,
                "gpu-doctor could not look inside the container: permission denied", "sudo");

        DiagnosisAnswer answer = DiagnosisAnswer.of(diagnosis(Optional.of("app"), notLooked));

        assertThat(answer.headline()).startsWith("gpu-doctor could not look inside container app")
                .contains("run gpu-doctor with sudo").doesNotContain("found nothing");
        assertThat(answer.answer()).containsExactly(notLooked);
    }

    @Test
    void the_findings_one_reset_of_a_gpu_clears_are_grouped_and_a_lone_one_is_not() {
        Finding xid = finding(FindingCode.XID_ERROR, Severity.ERROR, "Xid 48 on GPU 1", "`sudo nvidia-smi -r -i 1`");
        Finding ecc = finding(FindingCode.ECC_UNCORRECTABLE_ERRORS, Severity.ERROR, "GPU 1 has 1 error",
                "`sudo nvidia-smi -r -i 1`");
        Finding lost = finding(FindingCode.GPU_LOST, Severity.ERROR, "GPU 2 is lost", "`sudo nvidia-smi -r -i 2`");

        assertThat(DiagnosisAnswer.of(diagnosis(Optional.empty(), xid, lost, ecc)).resets())
                .containsOnlyKeys(1).containsEntry(1, List.of(xid, ecc));
    }

    @Test
    void a_broken_runtime_comes_before_a_lost_gpu_because_it_stops_every_container() {
        Finding lost = finding(FindingCode.GPU_LOST, Severity.ERROR, "GPU 2 is lost: NVML cannot reach it", "reset");
        Finding cdi = finding(FindingCode.CDI_SPEC_STALE, Severity.ERROR, "CDI spec x no longer matches", "regenerate");

        DiagnosisAnswer answer = DiagnosisAnswer.of(diagnosis(Optional.empty(), lost, cdi));

        assertThat(answer.answer()).containsExactly(cdi, lost);
        assertThat(answer.headline()).isEqualTo(
                "Containers on this node cannot be given a GPU: CDI spec x no longer matches (and 1 more problem below).");
    }
}
