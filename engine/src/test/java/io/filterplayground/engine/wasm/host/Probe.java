package io.filterplayground.engine.wasm.host;

import io.filterplayground.engine.harness.HostHarness;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.state.Pairs;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.upstream.MockSpec;
import io.filterplayground.samples.TestModule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scripts the hostcall probe ({@code sample-modules/testdata/hostcall_probe.c}): each line is one
 * hostcall its callback makes. Reads back what the calls answered from the host's trace.
 */
final class Probe {
    static final Headers GET =
            Headers.of(":authority", "example.com", ":path", "/", ":method", "GET", "x-a", "1");

    /** A mock upstream answering 200 with a header and a body. */
    static final MockSpec OK_UPSTREAM =
            new MockSpec(
                    200,
                    Headers.of("x-upstream", "yes"),
                    List.of("answer".getBytes(StandardCharsets.UTF_8)),
                    Headers.empty(),
                    false,
                    0,
                    null);

    /**
     * The headers {@code proxy_http_call} needs: {@code :method}, {@code :path}, {@code
     * :authority}.
     */
    static final String CALL_HEADERS =
            pairs(":method", "GET", ":path", "/check", ":authority", "auth");

    private Probe() {}

    /** A harness whose plugin configuration is {@code lines}. */
    static HostHarness.Builder builder(String... lines) {
        return HostHarness.builder("hostcall_probe.wasm", TestModule.HOSTCALL_PROBE.wasmBytes())
                .configuration(String.join("\n", lines));
    }

    static HostHarness start(String... lines) {
        return builder(lines).build();
    }

    /** The calls to {@code hostcall} so far, in order. */
    static List<HostCallEvent> calls(HostHarness host, String hostcall) {
        List<HostCallEvent> out = new ArrayList<>();
        for (HostCallEvent e : host.hostcalls()) {
            if (e.name().equals(hostcall)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The statuses ({@code Ok}, {@code NotFound}...) of the calls to {@code hostcall}, in order.
     */
    static List<String> results(HostHarness host, String hostcall) {
        List<String> out = new ArrayList<>();
        for (HostCallEvent e : calls(host, hostcall)) {
            out.add(e.result());
        }
        return out;
    }

    /** The statuses of the calls to {@code hostcall} made inside {@code callback}, in order. */
    static List<String> results(HostHarness host, String hostcall, String callback) {
        List<TraceEvent> events = host.events();
        Map<Long, String> callbacks = new HashMap<>(); // recorded when they return
        for (TraceEvent e : events) {
            if (e instanceof CallbackEvent c) {
                callbacks.put(c.seq(), c.name());
            }
        }
        List<String> out = new ArrayList<>();
        for (HostCallEvent h : calls(host, hostcall)) {
            if (callbacks.getOrDefault(h.parentSeq(), "").endsWith(callback)) {
                out.add(h.result());
            }
        }
        return out;
    }

    /** A string literal of the probe's script for any bytes ({@code \xHH} escapes). */
    static String quote(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : bytes) {
            sb.append(String.format("\\x%02x", b & 0xff));
        }
        return sb.append('"').toString();
    }

    /** A serialized header map, as a script literal: {@code pairs("k1", "v1", "k2", "v2")}. */
    static String pairs(String... kv) {
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            headers.add(new Header(kv[i], kv[i + 1]));
        }
        return quote(Pairs.serialize(headers));
    }

    /** A property path literal: segments joined by NUL. */
    static String path(String... segments) {
        return quote(String.join("\0", segments).getBytes(StandardCharsets.UTF_8));
    }
}
