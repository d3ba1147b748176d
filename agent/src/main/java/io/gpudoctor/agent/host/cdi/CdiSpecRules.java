package io.gpudoctor.agent.host.cdi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules a container runtime's CDI cache (container-device-interface {@code pkg/cdi}) applies
 * before it accepts a spec file; breaking any one makes it drop the whole file, so every device
 * in it becomes "unresolvable".
 */
final class CdiSpecRules {

    /** {@code vendor/class}: each part starts with a letter and ends with a letter or digit. */
    private static final Pattern KIND =
            Pattern.compile("[A-Za-z](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/[A-Za-z](?:[A-Za-z0-9._-]*[A-Za-z0-9])?");
    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_.:-]*[A-Za-z0-9])?");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

    private CdiSpecRules() {
    }

    static List<CdiProblem> check(String path, CdiSpec spec, int kindLine, int versionLine, int devicesLine) {
        List<CdiProblem> problems = new ArrayList<>();
        if (!path.endsWith(".yaml") && !path.endsWith(".json")) {
            problems.add(new CdiProblem(0, "runtimes read only *.yaml and *.json spec files, so this one is ignored"));
        }
        if (spec.cdiVersion().isBlank()) {
            problems.add(new CdiProblem(1, "no cdiVersion"));
        } else if (!VERSION.matcher(spec.cdiVersion()).matches()) {
            problems.add(new CdiProblem(versionLine, "cdiVersion '" + spec.cdiVersion() + "' is not a version such as 0.5.0"));
        }
        if (spec.kind().isBlank()) {
            problems.add(new CdiProblem(1, "no kind"));
        } else if (!KIND.matcher(spec.kind()).matches()) {
            problems.add(new CdiProblem(kindLine, "kind '" + CdiSpecParser.firstLine(spec.kind())
                    + "' is not vendor/class, such as nvidia.com/gpu"));
        }
        if (spec.devices().isEmpty()) {
            problems.add(new CdiProblem(devicesLine == 0 ? 1 : devicesLine, "no devices"));
        }
        problems.addAll(deviceNames(spec.devices()));
        return problems;
    }

    private static List<CdiProblem> deviceNames(List<CdiSpec.Device> devices) {
        List<CdiProblem> problems = new ArrayList<>();
        Map<String, Integer> firstSeen = new HashMap<>();
        for (CdiSpec.Device device : devices) {
            String name = device.name();
            if (name.isEmpty()) {
                problems.add(new CdiProblem(device.line(), "a device has no name"));
            } else if (!DEVICE_NAME.matcher(name).matches()) {
                problems.add(new CdiProblem(device.line(), "device name '" + CdiSpecParser.firstLine(name)
                        + "' has characters other than letters, digits, '_', '-', '.', ':'"));
            }
            Integer first = firstSeen.putIfAbsent(name, device.line());
            if (first != null && !name.isEmpty()) {
                problems.add(new CdiProblem(device.line(), "device name '" + name + "' is used twice (first at line "
                        + first + ")"));
            }
        }
        return problems;
    }
}
