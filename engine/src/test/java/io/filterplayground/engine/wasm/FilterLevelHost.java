package io.filterplayground.engine.wasm;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.harness.HostHarness;
import io.filterplayground.engine.harness.HttpContext;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.samples.SampleModule;
import io.filterplayground.samples.TestModule;
import java.nio.charset.StandardCharsets;

/**
 * Our host driven at the filter level through the public {@link HostHarness}, on the calling
 * thread: one VM, one plugin, and a request made of context creation, request headers (6), response
 * headers (4), log/done/delete. Shared by the filter-level benchmarks.
 */
final class FilterLevelHost implements AutoCloseable {
    private final HostHarness host;

    /**
     * {@code module}: noop (all_callbacks), raw-abi (hello-abi), as-sdk (add-header), rust (the
     * deny sample, Rust), cpp (the emscripten C++ test module).
     */
    FilterLevelHost(String module, Machine machine, TraceDetail trace) {
        host =
                HostHarness.builder(module, bytes(module))
                        .rootId(rootId(module))
                        .configuration(new String(configuration(module), StandardCharsets.UTF_8))
                        .machine(machine)
                        .trace(trace, false)
                        .logLevel(LogLevel.INFO)
                        .callbackTimeoutMillis(10_000)
                        .build();
    }

    static byte[] bytes(String module) {
        return switch (module) {
            case "noop" -> TestModule.ALL_CALLBACKS.wasmBytes();
            case "raw-abi" -> SampleModule.HELLO_ABI.wasmBytes();
            case "rust" -> SampleModule.DENY.wasmBytes();
            case "cpp" -> TestModule.EMSCRIPTEN.wasmBytes();
            default -> SampleModule.ADD_HEADER.wasmBytes();
        };
    }

    static String rootId(String module) {
        return module.equals("as-sdk") ? "add_header" : "";
    }

    static byte[] configuration(String module) {
        String c =
                switch (module) {
                    case "as-sdk" ->
                            "{\"request\": {\"x-a\": \"1\"}, \"response\": {\"x-b\": \"2\"}}";
                    case "rust" ->
                            "{\"header\": \"x-user\", \"values\": [\"mallory\"], \"pathPrefix\":"
                                    + " \"/admin\", \"status\": 403}";
                    case "cpp" -> "bench";
                    default -> "";
                };
        return c.getBytes(StandardCharsets.UTF_8);
    }

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

    /** One request through the filter; returns the context so nothing is optimised away. */
    Object request() {
        HttpContext http = host.newHttpContext();
        http.onRequestHeaders(REQUEST, true);
        http.onResponseHeaders(RESPONSE, true);
        http.complete();
        return http;
    }

    @Override
    public void close() {
        host.close();
    }
}
