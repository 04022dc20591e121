package io.filterplayground.engine.wasm;

import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.trace.TraceDetail;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The host's cost per request at the filter level, on one thread, through the public host harness:
 * create the stream context, request headers (6), response headers (4), then log/done/delete,
 * through one filter. No filter manager, no thread hand-off: what is left is the guest code plus
 * the hostcalls and callback plumbing.
 *
 * <p>Run: {@code mvn -q -Pbench -pl engine -am verify -DskipTests -Djmh.args=WasmFilter}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 2,
        jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:-DontCompileHugeMethods"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WasmFilterBenchmark {
    /** noop: every callback, nothing else; raw-abi: hello-abi; as-sdk: the AssemblyScript SDK. */
    @Param({"noop", "raw-abi", "as-sdk"})
    public String module;

    @Param({"COMPILED", "INTERPRETER"})
    public Machine machine;

    @Param({"MINIMAL", "FULL"})
    public TraceDetail trace;

    private FilterLevelHost host;

    @Setup(Level.Trial)
    public void start() {
        host = new FilterLevelHost(module, machine, trace);
    }

    @TearDown(Level.Trial)
    public void stop() {
        host.close();
    }

    @Benchmark
    public Object request() {
        return host.request();
    }
}
