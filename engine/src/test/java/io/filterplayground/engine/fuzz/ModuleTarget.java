package io.filterplayground.engine.fuzz;

import io.filterplayground.engine.harness.HostHarness;
import io.filterplayground.engine.harness.HttpContext;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.wasm.ModuleCache;
import io.filterplayground.samples.SampleModule;
import io.filterplayground.samples.TestModule;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Module bytes: the small sample and test modules, mutated, inspected as {@code inspect} does and
 * then loaded into a VM of the default (compiled) machine that serves a request and a tick. Traps
 * and refusals are clear errors; the host must never fail another way. (Chicory 1.7.5's interpreter
 * cannot interrupt a loop that only branches back with br_if: see SECURITY.md.)
 */
final class ModuleTarget implements FuzzTarget {
    private static final Headers GET =
            Headers.of(":authority", "example.com", ":path", "/", ":method", "GET", "x-a", "1");

    @Override
    public String name() {
        return "module";
    }

    @Override
    public String extension() {
        return "wasm";
    }

    @Override
    public List<byte[]> seeds() {
        return List.of(
                TestModule.NO_ABI.wasmBytes(),
                TestModule.ALL_CALLBACKS.wasmBytes(),
                TestModule.CALLOUT_CHECKS.wasmBytes(),
                TestModule.GRPC_SHIM.wasmBytes(),
                TestModule.FAULTS.wasmBytes(),
                TestModule.ABI_0_1_0_TWO_ARGS.wasmBytes(),
                TestModule.GO_SHAPED.wasmBytes(),
                TestModule.HOSTCALL_PROBE.wasmBytes(),
                SampleModule.HELLO_ABI.wasmBytes());
    }

    @Override
    public List<String> dictionary() {
        return List.of();
    }

    @Override
    public long limitMillis() {
        return 20_000;
    }

    @Override
    public void run(byte[] input) throws Exception {
        ModuleCache.inspect("fuzz.wasm", input);
        try (HostHarness host =
                HostHarness.builder("fuzz.wasm", input)
                        .callbackTimeoutMillis(200)
                        .maxMemoryPages(256)
                        .configuration(
                                "request_headers: proxy_get_header_map_value 0 \"x-a\" out:v out:n\n"
                                        + "request_headers: proxy_log 2 $v $n")
                        .build()) {
            HttpContext http = host.newHttpContext();
            http.onRequestHeaders(GET, false);
            http.onRequestBody("body".getBytes(StandardCharsets.UTF_8), true);
            http.onResponseHeaders(Headers.of(":status", "200"), true);
            http.complete();
            host.advance(1000);
        } finally {
            ModuleCache.forget(input);
        }
    }
}
