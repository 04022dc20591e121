package io.filterplayground.engine.bench;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One request through the add-header sample (AssemblyScript SDK): request headers (6), upstream
 * mock, response headers, log/done/delete; compiled vs interpreted machine, full tracing vs
 * minimal. {@code single} is the latency of one request including the hand-off to the worker thread
 * and back; {@code batch} sends 100 at once and reports the cost per request.
 *
 * <p>Run: {@code mvn -q -Pbench -pl engine -am verify -DskipTests -Djmh.args=AddHeader}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 2,
        jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:-DontCompileHugeMethods"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AddHeaderBenchmark {
    private static final int BATCH = 100;

    @Param({"COMPILED", "INTERPRETER"})
    public Machine machine;

    @Param({"FULL", "MINIMAL"})
    public TraceDetail trace;

    private Playground playground;
    private HttpRequest request;

    @Setup(Level.Trial)
    public void start() {
        playground =
                Playground.start(
                        Fixtures.yaml(
                                """
                workers: 1
                canary: false
                clusters:
                  backend: {mock: {status: 200, headers: {content-type: text/plain}, body: ok}}
                filters:
                  - name: add-header
                    wasm: add-header/add_header.wasm
                    rootId: add_header
                    configuration: {request: {x-a: "1"}, response: {x-b: "2"}}
                """),
                        new Playground.Options(machine, trace),
                        TraceSink.NONE);
        request =
                HttpRequest.get("/bench")
                        .withHeaders(Headers.of("user-agent", "jmh", "accept", "*/*"));
    }

    @TearDown(Level.Trial)
    public void stop() {
        playground.close();
    }

    @Benchmark
    public Exchange single() {
        return playground.send("bench", request, 0).join();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object batch() {
        CompletableFuture<?>[] all = new CompletableFuture<?>[BATCH];
        for (int i = 0; i < BATCH; i++) {
            all[i] = playground.send("bench", request, 0);
        }
        return CompletableFuture.allOf(all).join();
    }

    /** A quick check outside JMH: the benchmark's request really goes through the filter. */
    public static void main(String[] args) {
        AddHeaderBenchmark b = new AddHeaderBenchmark();
        b.machine = Machine.COMPILED;
        b.trace = TraceDetail.FULL;
        b.start();
        Exchange x = b.single();
        System.out.println(
                x.response().status()
                        + " "
                        + x.response().headers()
                        + " upstream "
                        + x.upstreamRequest().headers().first("x-a"));
        b.stop();
        List.of().size();
    }
}
