package io.gpudoctor.agent.host.kmsg;

import io.gpudoctor.agent.diagnosis.Severity;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Xids a node operator meets most, after NVIDIA's "XID Errors" catalogue and the GPU
 * deployment guide's recovery actions. Xids caused by the application (13, 31, 43, 45) are not a
 * node problem on their own and stay below error; those that leave the GPU unusable until a reset
 * are errors.
 */
public final class XidCatalog {

    private static final String DRAIN_AND_RESET = "Drain the node, then reset the GPU with"
            + " `sudo nvidia-smi -r -i <gpu>` (or reboot the node); if it happens again, have the GPU replaced.";
    private static final String CHECK_APPLICATION = "Usually a bug or an out-of-bounds access in the program that ran;"
            + " run it under `compute-sanitizer` to find it. Recurring on different programs points to the GPU:"
            + " `nvidia-smi -q -d ECC,ROW_REMAPPER -i <gpu>`.";

    private static final Map<Integer, XidMeaning> MEANINGS = Stream.of(
            xid(8, "GPU stopped processing (timeout)", Severity.WARN, false,
                    "A kernel ran into the driver's watchdog. " + CHECK_APPLICATION),
            xid(13, "Graphics engine exception", Severity.WARN, true, CHECK_APPLICATION),
            xid(31, "GPU memory page fault", Severity.WARN, true, CHECK_APPLICATION),
            xid(32, "Invalid or corrupted push buffer stream", Severity.WARN, false,
                    "Often PCIe trouble: check `sudo lspci -vvv -s <bus>` for AER errors and reseat the card. "
                            + CHECK_APPLICATION),
            xid(43, "GPU stopped processing (application fault)", Severity.INFO, true,
                    "The program hit a fault and was stopped; the GPU itself is fine. " + CHECK_APPLICATION),
            xid(45, "Preemptive cleanup after an earlier error or a killed process", Severity.INFO, true,
                    "The driver cleaned up after a process that ended or failed; look for the Xid before it."),
            xid(48, "Double-bit ECC error", Severity.ERROR, false,
                    "Uncorrectable memory error: the process using the memory was killed. " + DRAIN_AND_RESET),
            xid(61, "Internal micro-controller breakpoint or warning", Severity.WARN, false,
                    "Watch for Xid 62 next; if the GPU stops responding: " + DRAIN_AND_RESET),
            xid(62, "Internal micro-controller halt", Severity.ERROR, false, DRAIN_AND_RESET),
            xid(63, "ECC page retirement or row remapping recorded", Severity.WARN, false,
                    "The GPU marked memory for retirement; it takes effect at the next reset:"
                            + " `sudo nvidia-smi -r -i <gpu>` when the GPU is idle."),
            xid(64, "ECC page retirement or row remapping failed", Severity.ERROR, false,
                    "The GPU could not retire bad memory. " + DRAIN_AND_RESET),
            xid(68, "Video processor (NVDEC) exception", Severity.WARN, true,
                    "Usually a malformed video stream; if it recurs with good input, reset the GPU:"
                            + " `sudo nvidia-smi -r -i <gpu>`."),
            xid(69, "Graphics engine class error", Severity.WARN, true, CHECK_APPLICATION),
            xid(74, "NVLink error", Severity.ERROR, false,
                    "An NVLink failed: inspect it with `nvidia-smi nvlink -e -i <gpu>`. " + DRAIN_AND_RESET),
            xid(79, "GPU has fallen off the bus", Severity.ERROR, false,
                    "The GPU stopped answering on PCIe. Check power, cooling and seating. " + DRAIN_AND_RESET),
            xid(92, "High single-bit ECC error rate", Severity.WARN, false,
                    "Corrected errors are frequent: watch `nvidia-smi -q -d ECC -i <gpu>` and plan a replacement."),
            xid(94, "Contained ECC error", Severity.WARN, false,
                    "An uncorrectable error was contained: only the affected program was stopped. Restart it; the GPU"
                            + " stays usable, and the memory is remapped at the next reset."),
            xid(95, "Uncontained ECC error", Severity.ERROR, false,
                    "An uncorrectable error could not be contained: every program on the GPU is affected. "
                            + DRAIN_AND_RESET),
            xid(119, "GSP RPC timeout", Severity.ERROR, false,
                    "The GPU System Processor stopped answering the driver. " + DRAIN_AND_RESET
                            + " Upgrading the driver fixes several known causes."),
            xid(120, "GSP error", Severity.ERROR, false,
                    "The GPU System Processor reported an error. " + DRAIN_AND_RESET),
            xid(140, "Unrecovered ECC error", Severity.ERROR, false, DRAIN_AND_RESET),
            xid(154, "GPU recovery action changed", Severity.ERROR, false,
                    "The driver asks for a recovery action: see `nvidia-smi -q -i <gpu>` (Recovery Action) and"
                            + " reset or reboot as it says."))
            .collect(Collectors.toUnmodifiableMap(XidMeaning::xid, Function.identity()));

    private XidCatalog() {
    }

    /** The meaning of an Xid; one not in the table is a warning pointing at NVIDIA's catalogue. */
    public static XidMeaning meaning(int xid) {
        XidMeaning known = MEANINGS.get(xid);
        return known != null ? known : new XidMeaning(xid, "Xid " + xid, Severity.WARN, false,
                "Look it up in NVIDIA's XID catalogue (https://docs.nvidia.com/deploy/xid-errors/) and run"
                        + " `nvidia-smi -q -i <gpu>` for the GPU's state.");
    }

    private static XidMeaning xid(int xid, String name, Severity severity, boolean applicationFault, String advice) {
        return new XidMeaning(xid, name, severity, applicationFault, advice);
    }
}
