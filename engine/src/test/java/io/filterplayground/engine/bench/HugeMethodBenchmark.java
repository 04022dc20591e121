package io.filterplayground.engine.bench;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.harness.HostHarness;
import io.filterplayground.engine.harness.HttpContext;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.wasm.PeerComparisonBenchmark;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A Go-shaped module's request as the app ships ({@code asShipped}: {@code java -jar} relaunches
 * with {@code -XX:-DontCompileHugeMethods}, the packaged launcher has it), on the same JVM with its
 * defaults ({@code jvmDefaults}), and in the peer host ({@code
 * io.roastedroot:proxy-wasm-java-host}, see {@link PeerComparisonBenchmark}) with the JVM's
 * defaults ({@code peerJvmDefaults}), side by side in one run. The module is {@link BigModule}'s 3
 * MB one: its request headers callback runs a hundred 30 KB functions, each a JVM method past
 * HotSpot's 8,000-byte limit once Chicory has compiled it, so with the defaults they stay in
 * HotSpot's bytecode interpreter. Filter level, on the calling thread, minimal trace. The warm-up
 * is long because C2 takes tens of seconds, on a small machine, to compile a hundred such methods;
 * until it has, {@code asShipped} runs partly in C1's slower profiling code.
 *
 * <p>Run: {@code mvn -q -Pbench -pl engine -am verify -DskipTests -Djmh.args=HugeMethod}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 6, time = 2)
public class HugeMethodBenchmark {
    private static final Headers REQUEST =
            Headers.of(":authority", "example.com", ":path", "/bench", ":method", "GET");
    private static final Headers RESPONSE = Headers.of(":status", "200");

    /** Our host on the module. */
    @State(Scope.Thread)
    public static class Ours {
        private HostHarness host;

        @Setup(Level.Trial)
        public void start() {
            host =
                    HostHarness.builder("big.wasm", BigModule.build(100, 30_000))
                            .machine(Machine.COMPILED)
                            .trace(TraceDetail.MINIMAL, false)
                            .logLevel(LogLevel.INFO)
                            .callbackTimeoutMillis(60_000)
                            .build();
        }

        @TearDown(Level.Trial)
        public void stop() {
            host.close();
        }

        HttpContext request() {
            HttpContext http = host.newHttpContext();
            http.onRequestHeaders(REQUEST, true);
            http.onResponseHeaders(RESPONSE, true);
            http.complete();
            return http;
        }
    }

    /** The peer host on the same module, with its own Chicory (1.5.1) in its own class loader. */
    @State(Scope.Thread)
    public static class Theirs {
        private PeerComparisonBenchmark.Peer peer;

        @Setup(Level.Trial)
        public void start() throws Throwable {
            peer = new PeerComparisonBenchmark.Peer(BigModule.build(100, 30_000), new byte[0], "");
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            peer.close();
        }

        Object request() throws Throwable {
            return peer.request();
        }
    }

    @Benchmark
    @Fork(
            value = 1,
            jvmArgs = {"-Xms1g", "-Xmx1g"})
    public Object jvmDefaults(Ours ours) {
        return ours.request();
    }

    /** The JVM options of the app as shipped: the relaunch's and the packaged launcher's flag. */
    @Benchmark
    @Fork(
            value = 1,
            jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:-DontCompileHugeMethods"})
    public Object asShipped(Ours ours) {
        return ours.request();
    }

    @Benchmark
    @Fork(
            value = 1,
            jvmArgs = {"-Xms1g", "-Xmx1g"})
    public Object peerJvmDefaults(Theirs theirs) throws Throwable {
        return theirs.request();
    }
}
