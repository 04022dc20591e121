package io.filterplayground.engine.wasm;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.filter.StreamInfo;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.runtime.Activity;
import io.filterplayground.engine.runtime.VirtualClock;
import io.filterplayground.engine.runtime.Watchdog;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.scenario.FailurePolicy;
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

/**
 * Our host driven at the filter level, on the calling thread: one VM, one plugin, and a request
 * made of context creation, request headers (6), response headers (4), log/done/delete. Shared by
 * the filter-level benchmarks.
 */
final class FilterLevelHost implements AutoCloseable {
    private final Worker worker;
    private final Watchdog watchdog;
    private final RootContext root;

    /** {@code module}: noop (all_callbacks), raw-abi (hello-abi), as-sdk (add-header). */
    FilterLevelHost(String module, Machine machine, TraceDetail trace) {
        Activity activity = new Activity();
        worker = new Worker(0, activity, Throwable::printStackTrace);
        watchdog = new Watchdog(10_000);
        HostEnvironment env =
                new HostEnvironment(
                        new Tracer(TraceSink.NONE, trace),
                        new VirtualClock(activity),
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
        LoadedModule m = ModuleCache.load(module, bytes(module));
        VmSpec spec = new VmSpec("bench", module, m, "", new byte[0], Map.of());
        PluginSpec plugin =
                new PluginSpec(
                        "p",
                        module,
                        rootId(module),
                        configuration(module),
                        spec,
                        FailurePolicy.FAIL_CLOSED,
                        1000,
                        false,
                        false,
                        null);
        WasmVm vm = WasmVm.create(module + "#bench", spec, worker, env, watchdog.newGuard());
        root = vm.startRoot(plugin);
    }

    static byte[] bytes(String module) {
        return switch (module) {
            case "noop" -> TestModule.ALL_CALLBACKS.wasmBytes();
            case "raw-abi" -> SampleModule.HELLO_ABI.wasmBytes();
            default -> SampleModule.ADD_HEADER.wasmBytes();
        };
    }

    static String rootId(String module) {
        return module.equals("as-sdk") ? "add_header" : "";
    }

    static byte[] configuration(String module) {
        String c =
                module.equals("as-sdk")
                        ? "{\"request\": {\"x-a\": \"1\"}, \"response\": {\"x-b\": \"2\"}}"
                        : "";
        return c.getBytes(StandardCharsets.UTF_8);
    }

    // Stream maps are copies of headers lower-cased once, as the engine builds them.
    private static final Headers REQUEST =
            Headers.of(
                    ":authority",
                    "example.com",
                    ":path",
                    "/bench",
                    ":method",
                    "GET",
                    ":scheme",
                    "http",
                    "user-agent",
                    "jmh",
                    "accept",
                    "*/*");
    private static final Headers RESPONSE =
            Headers.of(
                    ":status",
                    "200",
                    "content-type",
                    "text/plain",
                    "content-length",
                    "2",
                    "date",
                    "Thu, 01 Jan 2026 00:00:00 GMT");

    /** One request through the filter; returns the stream so nothing is optimised away. */
    Object request() {
        Stream s = new Stream();
        WasmHttpFilter filter = new WasmHttpFilter(root, s);
        filter.onRequestHeaders(s.request, true);
        s.response = new HeaderMap(RESPONSE);
        filter.onResponseHeaders(s.response, true);
        filter.onLog();
        filter.onDestroy();
        return s;
    }

    @Override
    public void close() {
        worker.close();
        watchdog.close();
    }

    /** Just enough of a stream for one filter. */
    private static final class Stream implements FilterCallbacks {
        final HeaderMap request;
        HeaderMap response;
        final StreamInfo info = new StreamInfo(1, 0, 0, "id", "backend");

        Stream() {
            request = new HeaderMap(REQUEST);
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
        public void attribute(Runnable work) {
            work.run();
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
