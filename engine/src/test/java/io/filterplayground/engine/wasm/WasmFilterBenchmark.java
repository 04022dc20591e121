package io.filterplayground.engine.wasm;

import io.filterplayground.engine.Header;
import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.chain.Buffer;
import io.filterplayground.engine.chain.FilterCallbacks;
import io.filterplayground.engine.chain.HeaderMap;
import io.filterplayground.engine.chain.StreamInfo;
import io.filterplayground.engine.runtime.Activity;
import io.filterplayground.engine.runtime.VirtualClock;
import io.filterplayground.engine.runtime.Watchdog;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.state.Metrics;
import io.filterplayground.engine.state.Properties;
import io.filterplayground.engine.state.SharedData;
import io.filterplayground.engine.state.SharedQueues;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceSink;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.upstream.Clusters;
import io.filterplayground.samples.SampleModule;
import io.filterplayground.samples.TestModule;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The host's cost per request at the filter level, on one thread, the way performance-notes.md
 * measures Chicory-based hosts: create the stream context, request headers (6), response headers
 * (4), then log/done/delete, through one filter. No filter manager, no thread hand-off: what is
 * left is the guest code plus the hostcalls and callback plumbing.
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
    /**
     * no-op: exports every callback and does nothing; raw-abi: hello-abi; sdk: the AssemblyScript
     * SDK.
     */
    @Param({"noop", "raw-abi", "as-sdk"})
    public String module;

    @Param({"COMPILED", "INTERPRETER"})
    public Machine machine;

    @Param({"MINIMAL", "FULL"})
    public TraceDetail trace;

    private Activity activity;
    private Worker worker;
    private Watchdog watchdog;
    private WasmVm vm;
    private RootContext root;

    @Setup(Level.Trial)
    public void start() {
        activity = new Activity();
        worker = new Worker(0, activity, Throwable::printStackTrace);
        watchdog = new Watchdog(10_000);
        VirtualClock clock = new VirtualClock(activity);
        HostEnvironment env =
                new HostEnvironment(
                        new Tracer(TraceSink.NONE, trace),
                        clock,
                        new Clusters(Map.of()),
                        new SharedData(),
                        new SharedQueues(),
                        new Metrics(),
                        new Properties(Map.of()),
                        watchdog,
                        activity,
                        machine,
                        16384,
                        LogLevel.INFO,
                        42);
        byte[] bytes;
        String rootId = "";
        String config = "";
        switch (module) {
            case "noop" -> bytes = TestModule.ALL_CALLBACKS.wasmBytes();
            case "raw-abi" -> bytes = SampleModule.HELLO_ABI.wasmBytes();
            default -> {
                bytes = SampleModule.ADD_HEADER.wasmBytes();
                rootId = "add_header";
                config = "{\"request\": {\"x-a\": \"1\"}, \"response\": {\"x-b\": \"2\"}}";
            }
        }
        LoadedModule m = ModuleCache.load(module, bytes);
        VmSpec spec = new VmSpec("bench", module, m, "", new byte[0], Map.of());
        byte[] c = config.getBytes(StandardCharsets.UTF_8);
        PluginSpec plugin =
                new PluginSpec(
                        "p",
                        module,
                        rootId,
                        c,
                        spec,
                        FailurePolicy.FAIL_CLOSED,
                        1000,
                        false,
                        false);
        vm = WasmVm.create(module + "#bench", spec, worker, env, watchdog.newGuard());
        root = vm.startRoot(plugin);
    }

    @TearDown(Level.Trial)
    public void stop() {
        worker.close();
        watchdog.close();
    }

    @Benchmark
    public Object request() {
        Stream s = new Stream();
        WasmHttpFilter filter = new WasmHttpFilter(root, s);
        filter.onRequestHeaders(s.request, true);
        s.response = new HeaderMap();
        s.response.add(":status", "200");
        s.response.add("content-type", "text/plain");
        s.response.add("content-length", "2");
        s.response.add("date", "Thu, 01 Jan 2026 00:00:00 GMT");
        filter.onResponseHeaders(s.response, true);
        filter.onLog();
        filter.onDestroy();
        return s;
    }

    /** Just enough of a stream for one filter. */
    private static final class Stream implements FilterCallbacks {
        final HeaderMap request = new HeaderMap();
        HeaderMap response;
        final StreamInfo info = new StreamInfo(1, 0, 0, "id", "backend");

        Stream() {
            for (Header h :
                    List.of(
                            new Header(":authority", "example.com"),
                            new Header(":path", "/bench"),
                            new Header(":method", "GET"),
                            new Header(":scheme", "http"),
                            new Header("user-agent", "jmh"),
                            new Header("accept", "*/*"))) {
                request.add(h.name(), h.value());
            }
        }

        @Override
        public long streamId() {
            return 1;
        }

        @Override
        public String filterName() {
            return "bench";
        }

        @Override
        public int filterIndex() {
            return 0;
        }

        @Override
        public Worker worker() {
            return null;
        }

        @Override
        public Tracer tracer() {
            return null;
        }

        @Override
        public StreamInfo streamInfo() {
            return info;
        }

        @Override
        public HeaderMap requestHeaders() {
            return request;
        }

        @Override
        public HeaderMap requestTrailers() {
            return null;
        }

        @Override
        public HeaderMap responseHeaders() {
            return response;
        }

        @Override
        public HeaderMap responseTrailers() {
            return null;
        }

        @Override
        public HeaderMap addRequestTrailers() {
            return null;
        }

        @Override
        public HeaderMap addResponseTrailers() {
            return null;
        }

        @Override
        public Buffer bufferedRequestBody() {
            return null;
        }

        @Override
        public Buffer bufferedResponseBody() {
            return null;
        }

        @Override
        public void continueRequest() {}

        @Override
        public void continueResponse() {}

        @Override
        public void sendLocalReply(int status, byte[] body, List<Header> headers, String details) {}

        @Override
        public void resetStream(String details) {}

        @Override
        public Map<String, byte[]> filterState() {
            return new HashMap<>();
        }

        @Override
        public Map<String, Map<String, Object>> dynamicMetadata() {
            return new HashMap<>();
        }

        @Override
        public boolean responseStarted() {
            return false;
        }
    }
}
