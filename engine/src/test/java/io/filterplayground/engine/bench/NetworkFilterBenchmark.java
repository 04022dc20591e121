package io.filterplayground.engine.bench;

import io.filterplayground.engine.ConnectionHandle;
import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceSink;
import java.nio.charset.StandardCharsets;
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
 * One TCP connection through two Wasm network filters ({@code tcp_filter.wasm}, each logging every
 * callback and reading the bytes) to an echo upstream: the connection opens, 100 chunks of 64 bytes
 * go through the read filters, each echo back through the write filters, then it closes. The score
 * is per connection (divide by 100 for a chunk's round trip), including the hand-off to the worker
 * thread and back.
 *
 * <p>Run: {@code mvn -q -Pbench -pl engine -am verify -DskipTests -Djmh.args=NetworkFilter}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 2,
        jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:-DontCompileHugeMethods"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NetworkFilterBenchmark {
    static final int CHUNKS = 100;
    private static final byte[] CHUNK =
            "0123456789abcdef".repeat(4).getBytes(StandardCharsets.UTF_8);

    @Param({"FULL", "MINIMAL"})
    public TraceDetail trace;

    private Playground playground;

    @Setup(Level.Trial)
    public void start() {
        playground =
                Playground.start(
                        Fixtures.yaml(
                                """
                listener: tcp
                workers: 1
                canary: false
                clusters: {echo: {tcp: {echo: true}}}
                route: echo
                filters:
                  - {name: first, wasm: testdata/tcp_filter.wasm}
                  - {name: second, wasm: testdata/tcp_filter.wasm}
                """),
                        new Playground.Options(Machine.COMPILED, trace),
                        TraceSink.NONE);
    }

    @TearDown(Level.Trial)
    public void stop() {
        playground.close();
    }

    @Benchmark
    public ConnectionResult connection() {
        ConnectionHandle c = playground.connect("bench", 0);
        for (int i = 0; i < CHUNKS; i++) {
            c.send(CHUNK, false);
        }
        c.end();
        return c.result().join();
    }

    /** A quick check outside JMH: every chunk goes there and back. */
    public static void main(String[] args) {
        NetworkFilterBenchmark b = new NetworkFilterBenchmark();
        b.trace = TraceDetail.MINIMAL;
        b.start();
        ConnectionResult r = b.connection();
        System.out.println(r.received().length + " bytes back, closed by " + r.closedBy());
        b.stop();
    }
}
