package io.gpudoctor.agent.host.driver;

import java.util.Optional;

/**
 * A file under {@code /dev}.
 *
 * @param path       the host path, {@code /dev/nvidiactl}
 * @param charDevice whether it is a character device; a fixture or a copied tree holds plain
 *                   files instead, whose numbers are then unknown
 * @param major      the device major, when it is a character device and the platform says
 */
public record DeviceNode(String path, boolean charDevice, Optional<Integer> major, Optional<Integer> minor) {

    /** {@code major:minor}, or what the file is when the numbers are unknown. */
    public String describe() {
        if (major.isPresent() && minor.isPresent()) {
            return "character device " + major.get() + ":" + minor.get();
        }
        return charDevice ? "character device" : "not a character device";
    }
}
