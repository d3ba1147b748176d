package io.gpudoctor.agent.diagnosis;

/**
 * One fact a finding rests on.
 *
 * @param source   where it came from: a host file ({@code /proc/driver/nvidia/version}) or a call
 *                 ({@code nvmlInit_v2})
 * @param observed what was seen there, short ({@code 470.256.02})
 */
public record Evidence(String source, String observed) {
}
