package io.gpudoctor.agent.host.kmsg;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NVIDIA driver's messages in a kernel log that say a GPU or the driver is in trouble.
 *
 * @param xids           every Xid line, oldest first
 * @param fellOffBus     "fallen off the bus" reports without an Xid (older drivers print them over
 *                       several lines: {@code NVRM: The NVIDIA GPU 0000:82:00.0 ... has fallen off the bus})
 * @param rmInitFailures {@code RmInitAdapter failed} / {@code rm_init_adapter failed}
 * @param apiMismatches  userspace/kernel module version clashes
 * @param sxids          NVSwitch errors, oldest first
 */
public record KernelLogEvents(List<XidRecord> xids, List<GpuLogEvent> fellOffBus, List<GpuLogEvent> rmInitFailures,
                              List<ApiMismatch> apiMismatches, List<SxidRecord> sxids) {

    public static final KernelLogEvents NONE =
            new KernelLogEvents(List.of(), List.of(), List.of(), List.of(), List.of());

    private static final Pattern XID =
            Pattern.compile("NVRM: Xid \\((?:PCI:)?([0-9A-Fa-f]{1,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}(?:\\.[0-7])?)\\): (\\d{1,5})\\b,?\\s*(.*)");
    private static final Pattern SXID = Pattern.compile("(nvidia-nvswitch\\d{1,3}): SXid \\((?:PCI:)?"
            + "([0-9A-Fa-f]{1,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}(?:\\.[0-7])?)\\): (\\d{1,6}), (Fatal|Non-fatal),\\s*(.*)");
    private static final Pattern GPU_ADDRESS =
            Pattern.compile("(?:GPU |PCI:)([0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}(?:\\.[0-7])?)");
    private static final Pattern API_MISMATCH = Pattern.compile(
            "API mismatch: the client has the version ([0-9][0-9.]*[0-9]),\\s*but\\s+(?:NVRM:\\s*)?"
                    + "this kernel module has the version ([0-9][0-9.]*[0-9])");
    /** How far back a multi-line report may have started. */
    private static final int REPORT_LINES = 3;

    public KernelLogEvents {
        xids = List.copyOf(xids);
        fellOffBus = List.copyOf(fellOffBus);
        rmInitFailures = List.copyOf(rmInitFailures);
        apiMismatches = List.copyOf(apiMismatches);
        sxids = List.copyOf(sxids);
    }

    /** Parses a kernel log in any of the forms {@link KernelLogLines} knows. */
    public static KernelLogEvents parse(String log) {
        List<String> messages = KernelLogLines.parse(log);
        List<XidRecord> xids = new ArrayList<>();
        List<GpuLogEvent> fellOff = new ArrayList<>();
        List<GpuLogEvent> rmInit = new ArrayList<>();
        List<ApiMismatch> mismatches = new ArrayList<>();
        List<SxidRecord> sxids = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String message = messages.get(i);
            Matcher xid = XID.matcher(message);
            Matcher sxid = SXID.matcher(message);
            if (xid.find()) {
                xids.add(new XidRecord(xid.group(1), Integer.parseInt(xid.group(2)), xid.group(3).strip()));
            } else if (sxid.find()) {
                sxids.add(new SxidRecord(sxid.group(1), sxid.group(2), Integer.parseInt(sxid.group(3)),
                        sxid.group(4).equals("Fatal"), sxid.group(5).strip()));
            } else if (message.contains("fallen off the bus")) {
                String report = report(messages, i);
                fellOff.add(new GpuLogEvent(address(report), report));
            } else if (message.contains("RmInitAdapter failed") || message.contains("rm_init_adapter failed")) {
                rmInit.add(new GpuLogEvent(address(message), message));
            } else if (message.contains("API mismatch")) {
                // The driver breaks this sentence after "but", so the next message is read with it.
                String joined = i + 1 < messages.size() ? message + " " + messages.get(i + 1) : message;
                Matcher m = API_MISMATCH.matcher(joined);
                if (m.find()) {
                    mismatches.add(new ApiMismatch(m.group(1), m.group(2), joined));
                }
            }
        }
        return new KernelLogEvents(xids, fellOff, rmInit, mismatches, sxids);
    }

    /** A report printed over several lines: the lines since the one naming the GPU, joined. */
    private static String report(List<String> messages, int end) {
        for (int start = end; start >= Math.max(0, end - REPORT_LINES); start--) {
            if (GPU_ADDRESS.matcher(messages.get(start)).find()) {
                return String.join(" ", messages.subList(start, end + 1));
            }
        }
        return messages.get(end);
    }

    private static Optional<String> address(String text) {
        Matcher m = GPU_ADDRESS.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
