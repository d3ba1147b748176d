package io.gpudoctor.agent.host.driver;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MIG capability files the driver publishes per GPU, from
 * {@code /proc/driver/nvidia/capabilities/gpu<minor>/mig/}: {@code config}, {@code monitor}, and
 * one {@code gi<N>} folder per GPU instance. ({@code /proc/driver/nvidia-caps/mig-minors} is a
 * static list of every possible instance, so it says nothing about which exist.)
 *
 * @param migEntries GPU minor → names under its {@code mig} folder, for GPUs that have one
 */
public record MigCapabilities(Map<Integer, List<String>> migEntries) {

    public MigCapabilities {
        migEntries = Map.copyOf(migEntries);
    }

    /** How many GPU instances exist on the GPU; empty when its {@code mig} folder is not there. */
    public Optional<Long> instances(int minor) {
        return Optional.ofNullable(migEntries.get(minor))
                .map(names -> names.stream().filter(n -> n.matches("gi\\d+")).count());
    }
}
