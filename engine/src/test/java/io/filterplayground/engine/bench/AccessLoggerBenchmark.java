package io.filterplayground.engine.bench;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceSink;
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
 * What a Wasm access logger costs per request: the same request through the add-header sample, with
 * no logger, with {@code access_log.wasm} (one line from headers and properties, a shared-data CAS
 * count) and with the access-logger sample (a JSON line enqueued to a shared queue). 100 requests
 * at once, cost per request; the difference between rows is the logger's.
 *
 * <p>Run: {@code mvn -q -Pbench -pl engine -am verify -DskipTests -Djmh.args=AccessLogger}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 2,
        jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:-DontCompileHugeMethods"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AccessLoggerBenchmark {
    private static final int BATCH = 100;

    @Param({"none", "access_log", "access-logger"})
    public String logger;

    @Param({"MINIMAL", "FULL"})
    public TraceDetail trace;

    private Playground playground;
    private HttpRequest request;

    @Setup(Level.Trial)
    public void start() {
        String loggers =
                switch (logger) {
                    case "access_log" ->
                            "accessLoggers: [{name: log, wasm: testdata/access_log.wasm}]";
                    case "access-logger" ->
                            "accessLoggers: [{name: log, wasm: access-logger/access_logger.wasm}]";
                    default -> "";
                };
        playground =
                Playground.start(
                        Fixtures.yaml(
                                """
                workers: 1
                canary: false
                clusters:
                  backend: {mock: {status: 200, body: ok}}
                filters:
                  - name: add-header
                    wasm: add-header/add_header.wasm
                    rootId: add_header
                    configuration: {request: {x-a: "1"}}
                %s
                """
                                        .formatted(loggers)),
                        new Playground.Options(Machine.COMPILED, trace),
                        TraceSink.NONE);
        request = HttpRequest.get("/bench");
    }

    @TearDown(Level.Trial)
    public void stop() {
        playground.close();
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

    /** A quick check outside JMH: the logger runs. */
    public static void main(String[] args) {
        AccessLoggerBenchmark b = new AccessLoggerBenchmark();
        b.logger = "access_log";
        b.trace = TraceDetail.FULL;
        b.start();
        Exchange x = b.playground.send("bench", b.request, 0).join();
        System.out.println(
                x.events().stream().filter(e -> e.toString().contains("access:")).count());
        b.stop();
    }
}
