package io.filterplayground.engine.bench;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.scenario.source.Resolvers;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The same job, "add a request header and a response header", done by each of Envoy's three
 * extension styles, through a whole stream: the benchmark thread sends a request to the worker, the
 * filter runs on request and response headers, the mock upstream answers, the exchange comes back.
 * {@code none} is the same stream with an empty chain: the fixed cost to subtract.
 *
 * <p>The filters are those of {@code sample-modules/three-styles/scenario.yaml}: the native {@code
 * add-header}, {@code add_header.lua} (reads its headers from the filter metadata) and the
 * AssemblyScript {@code add_header.wasm}; each logs one info line per header.
 *
 * <pre>
 * mvn -q -Pbench -pl engine -am verify -DskipTests -Djmh.args="ThreeStyles -f 2 -wi 3 -i 5"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 2,
        jvmArgsAppend = {"-XX:-DontCompileHugeMethods", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ThreeStylesBench {
    private static final String SAMPLES = "io/filterplayground/samples/three-styles/";

    @Param({"none", "native", "lua", "wasm"})
    public String style;

    /** FULL: the playground's default trace; MINIMAL: logs and lifecycle only. */
    @Param({"FULL", "MINIMAL"})
    public String trace;

    static final int BURST = 32;

    private Playground playground;
    private HttpRequest request;

    @SuppressWarnings("unchecked")
    private final CompletableFuture<Exchange>[] pending = new CompletableFuture[BURST];

    @Setup(Level.Trial)
    public void start() {
        String filter =
                switch (style) {
                    case "none" -> "filters: []\n";
                    case "native" ->
                            """
                            filters:
                              - name: add-header
                                native: add-header
                                config: {request: {x-a: "1"}, response: {x-b: "2"}}
                            """;
                    case "lua" ->
                            """
                            filters:
                              - name: add-header
                                luaFile: add_header.lua
                                config:
                                  metadata: {request: {x-a: "1"}, response: {x-b: "2"}}
                            """;
                    case "wasm" ->
                            """
                            filters:
                              - name: add-header
                                wasm: ../add-header/add_header.wasm
                                rootId: add_header
                                configuration: '{"request": {"x-a": "1"}, "response": {"x-b": "2"}}'
                            """;
                    default -> throw new IllegalArgumentException(style);
                };
        String yaml =
                """
                workers: 1
                clusters:
                  backend:
                    mock:
                      status: 200
                      headers: {content-type: text/plain}
                      body: "hello"
                route: backend
                """
                        + filter;
        Scenario s =
                ScenarioLoader.parse(
                        yaml,
                        "bench.yaml",
                        Resolvers.classpath(SAMPLES, ThreeStylesBench.class.getClassLoader()));
        playground =
                Playground.start(
                        s,
                        new Playground.Options(Machine.COMPILED, TraceDetail.valueOf(trace)),
                        TraceSink.NONE);
        request =
                HttpRequest.get("/bench")
                        .withHeaders(Headers.of("x-user", "alice", "accept", "*/*"));
        Exchange x = playground.send("check", request, 0).join();
        if (x.response() == null
                || x.response().status() != 200
                || (!style.equals("none")
                        && !"1".equals(x.upstreamRequest().headers().first("x-a").orElse(null)))) {
            throw new IllegalStateException(style + " did not do the job: " + x.response());
        }
    }

    /** One request at a time: latency, including the hop to the worker thread and back. */
    @Benchmark
    public Exchange request() {
        return playground.send("bench", request, 0).join();
    }

    /**
     * {@value #BURST} requests at once, reported per request: the worker runs the streams back to
     * back, so this is the worker's time per stream with the thread hops amortised.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public void burst(Blackhole bh) {
        for (int i = 0; i < BURST; i++) {
            pending[i] = playground.send("bench", request, 0);
        }
        for (int i = 0; i < BURST; i++) {
            bh.consume(pending[i].join());
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        playground.close();
    }
}
