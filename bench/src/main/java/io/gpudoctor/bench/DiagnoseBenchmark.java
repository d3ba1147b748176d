package io.gpudoctor.bench;

import io.gpudoctor.agent.container.HostView;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.doctor.HostDiagnosis;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.driver.DriverConnector;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.agent.simulate.LoadedScenario;
import io.gpudoctor.agent.simulate.ScenarioLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The warm, in-process host diagnosis of a simulated 8-GPU node: driver inventory through the
 * bounded caller, every probe over the scenario's host tree, every check. Target: under 20 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DiagnoseBenchmark {

    @Param({"dgx-h100"})
    public String scenario;

    private HostDiagnosis diagnosis;
    private DriverConnection driver;
    private HostPaths host;

    @Setup
    public void connect() throws Exception {
        LoadedScenario loaded = ScenarioLoader.load(scenario);
        driver = DriverConnector.simulated(loaded);
        host = HostPaths.of(loaded.hostRoot().orElseThrow());
        diagnosis = new HostDiagnosis(Optional.empty(), Duration.ofSeconds(2), Clock.systemUTC());
    }

    @Benchmark
    public Diagnosis diagnoseHost() {
        return diagnosis.diagnose(driver, HostView.at(host.root(), Clock.systemUTC()));
    }
}
