/**
 * A simulated NVIDIA driver: {@link io.gpudoctor.simulate.SimulatedNvml} and
 * {@link io.gpudoctor.simulate.SimulatedCudaDriver} answer the facades from a
 * {@link io.gpudoctor.simulate.Scenario} of {@link io.gpudoctor.simulate.GpuModel} presets, with
 * faults ({@link io.gpudoctor.simulate.SimulatedFault}) that can be injected while the daemon runs.
 * Pure Java, so that the agent's tests and its {@code --simulate} mode need neither a GPU nor JNA.
 */
package io.gpudoctor.simulate;
