package io.filterplayground.engine.wasm.host;

import static io.filterplayground.engine.wasm.host.Probe.GET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.abi.PeerType;
import io.filterplayground.engine.error.FilterTrapException;
import io.filterplayground.engine.harness.HostHarness;
import io.filterplayground.engine.harness.HttpContext;
import io.filterplayground.engine.harness.NetworkContext;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.wasm.ModuleCache;
import io.filterplayground.engine.wasm.ModuleInfo;
import io.filterplayground.samples.TestModule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edge-of-memory sweep: the probe calls every hostcall the host links with pointers and sizes
 * at the edges of guest memory (0, end-1, end, 2^31, 2^32-1). Each answers an error status, never a
 * host exception ({@code InternalFailure}) or a crash, and the VM goes on serving the stream.
 *
 * <p>Two sweeps per hostcall. From a call that succeeds ({@link #TEMPLATES}), each pointer argument
 * in turn is moved to an edge, or its size pushed past the end, the others staying valid: each must
 * answer {@code InvalidMemoryAccess}, as cpp-host's {@code getMemory}/{@code setWord} checks do.
 * Then every argument at once takes each edge value (integers included). Both in an HTTP stream's
 * callbacks and in a network (TCP) filter's, whose data buffers have their own templates.
 */
class MemoryEdgeSweepTest {
    /** Where a pointer argument goes: each crosses the end of memory with the argument's size. */
    private static final List<String> POINTER_EDGES =
            List.of("end-1", "end", "0x80000000", "0xffffffff");

    /** A valid pointer with a size past the end (the scratch slot {@code out} is valid). */
    private static final List<String> SIZE_EDGES =
            List.of("0 end+1", "out end", "out 0x80000000", "out 0xffffffff");

    /** An out pointer whose 4- or 8-byte write crosses the end. */
    private static final List<String> OUT_EDGES =
            List.of("end-3", "end", "0x80000000", "0xffffffff");

    private static final List<String> ALL_EDGES =
            List.of("0", "end-1", "end", "0x80000000", "0xffffffff");

    /**
     * Hostcalls that touch no guest memory: nothing to sweep but their integers. ({@code
     * envoy_resolve_dns} has pointers in Envoy, but the playground answers Unimplemented without
     * reading them.)
     */
    private static final List<String> NO_POINTERS =
            List.of(
                    "proxy_set_tick_period_milliseconds",
                    "proxy_set_effective_context",
                    "proxy_done",
                    "proxy_continue_stream",
                    "proxy_close_stream",
                    "proxy_continue_request",
                    "proxy_continue_response",
                    "proxy_clear_route_cache",
                    "proxy_grpc_cancel",
                    "proxy_grpc_close",
                    "proxy_increment_metric",
                    "proxy_record_metric",
                    "emscripten_notify_memory_growth",
                    "pthread_equal",
                    "envoy_resolve_dns");

    /**
     * Emscripten's runtime helpers answer without a trace (no status: {@code pthread_equal}
     * compares two integers, {@code emscripten_notify_memory_growth} returns nothing).
     */
    private static final List<String> UNTRACED =
            List.of("pthread_equal", "emscripten_notify_memory_growth");

    /** What the harness prepares in proxy_on_configure, so every template can succeed. */
    private static final List<String> SETUP =
            List.of(
                    "configure: proxy_set_shared_data \"key\" \"value\" 0",
                    "configure: proxy_register_shared_queue \"queue\" out:q",
                    "configure: proxy_define_metric 1 \"gauge\" out:m",
                    "configure: proxy_grpc_stream \"auth\" \"svc\" \"method\" \"\" out:stream",
                    // the dequeue template and its eight edges each take one
                    "configure: proxy_enqueue_shared_queue $q \"1\"",
                    "configure: proxy_enqueue_shared_queue $q \"2\"",
                    "configure: proxy_enqueue_shared_queue $q \"3\"",
                    "configure: proxy_enqueue_shared_queue $q \"4\"",
                    "configure: proxy_enqueue_shared_queue $q \"5\"",
                    "configure: proxy_enqueue_shared_queue $q \"6\"",
                    "configure: proxy_enqueue_shared_queue $q \"7\"",
                    "configure: proxy_enqueue_shared_queue $q \"8\"",
                    "configure: proxy_enqueue_shared_queue $q \"9\"");

    /** One call that answers Ok, per hostcall with pointers, in the probe's argument syntax. */
    private static final Map<String, Template> TEMPLATES =
            Stream.of(
                            t("proxy_log", i("2"), in("hello")),
                            t("proxy_get_log_level", out()),
                            t("proxy_get_current_time_nanoseconds", out()),
                            t(
                                    "proxy_call_foreign_function",
                                    in("compress"),
                                    in("abc"),
                                    out(),
                                    out()),
                            t("proxy_get_buffer_bytes", i("6"), i("0"), i("8"), out(), out()),
                            t("proxy_get_buffer_status", i("6"), out(), out()),
                            t("proxy_get_configuration", out(), out()),
                            body(t("proxy_set_buffer_bytes", i("0"), i("0"), i("0"), in("xy"))),
                            t("proxy_get_header_map_pairs", i("0"), out(), out()),
                            t("proxy_set_header_map_pairs", i("0"), pairs("x-a", "1")),
                            t("proxy_get_header_map_size", i("0"), out()),
                            t("proxy_get_header_map_value", i("0"), in("x-a"), out(), out()),
                            t("proxy_add_header_map_value", i("0"), in("x-b"), in("22")),
                            t("proxy_replace_header_map_value", i("0"), in("x-b"), in("22")),
                            t("proxy_remove_header_map_value", i("0"), in("x-b")),
                            t(
                                    "proxy_send_local_response",
                                    i("403"),
                                    in("details"),
                                    in("body"),
                                    pairs("x", "y"),
                                    i("-1")),
                            t("proxy_get_status", out(), out(), out()),
                            t(
                                    "proxy_http_call",
                                    in("auth"),
                                    pairs(":method", "GET", ":path", "/", ":authority", "a"),
                                    in("body"),
                                    pairs("t", "v"),
                                    i("1000"),
                                    out()),
                            t(
                                    "proxy_grpc_call",
                                    in("auth"),
                                    in("svc"),
                                    in("method"),
                                    pairs("m", "v"),
                                    in("message"),
                                    i("1000"),
                                    out()),
                            t(
                                    "proxy_grpc_stream",
                                    in("auth"),
                                    in("svc"),
                                    in("method"),
                                    pairs("m", "v"),
                                    out()),
                            t("proxy_grpc_send", i("$stream"), in("message"), i("0")),
                            t("proxy_get_shared_data", in("key"), out(), out(), out()),
                            t("proxy_set_shared_data", in("key"), in("v2"), i("0")),
                            t("proxy_register_shared_queue", in("queue"), out()),
                            t("proxy_resolve_shared_queue", in("probe"), in("queue"), out()),
                            t("proxy_enqueue_shared_queue", i("$q"), in("item")),
                            t("proxy_dequeue_shared_queue", i("$q"), out(), out()),
                            t("proxy_define_metric", i("0"), in("counter"), out()),
                            t("proxy_get_metric", i("$m"), out()),
                            t("proxy_get_property", in("plugin_vm_id"), out(), out()),
                            t("proxy_set_property", in("mine"), in("value")))
                    .collect(Collectors.toMap(Template::name, x -> x));

    /**
     * The same calls in a network (TCP) filter's callbacks, on the connection's data buffers
     * (DownstreamData 2, UpstreamData 3), which only a TCP context has.
     */
    private static final List<Template> NETWORK_TEMPLATES =
            List.of(
                    new Template(
                            "proxy_get_buffer_bytes",
                            "downstream_data",
                            List.of(i("2"), i("0"), i("8"), out(), out())),
                    new Template(
                            "proxy_get_buffer_status",
                            "upstream_data",
                            List.of(i("3"), out(), out())),
                    new Template(
                            "proxy_set_buffer_bytes",
                            "downstream_data",
                            List.of(i("2"), i("0"), i("0"), in("xy"))),
                    new Template(
                            "proxy_set_buffer_bytes",
                            "upstream_data",
                            List.of(i("3"), i("0xffffffff"), i("0"), in("xy"))));

    static Stream<String> hostcalls() {
        return HostcallCatalog.all().keySet().stream().filter(n -> !n.equals("abort"));
    }

    @Test
    void shouldImportEveryHostcallTheHostLinks() {
        ModuleInfo probe =
                ModuleCache.inspect("hostcall_probe.wasm", TestModule.HOSTCALL_PROBE.wasmBytes());
        List<String> imported =
                probe.imports().stream()
                        .filter(i -> i.module().equals("env"))
                        .map(ModuleInfo.Import::name)
                        .toList();
        assertThat(imported)
                .as(
                        "add the missing hostcalls to HOSTCALLS in sample-modules/testdata/hostcall_probe.c")
                .containsExactlyInAnyOrderElementsOf(HostcallCatalog.all().keySet());
        for (String name : HostcallCatalog.all().keySet()) {
            boolean swept = TEMPLATES.containsKey(name) || NO_POINTERS.contains(name);
            assertThat(swept || name.equals("abort"))
                    .as(name + " needs a template (or a place in NO_POINTERS) in this test")
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("hostcalls")
    void shouldAnswerInvalidMemoryAccessForEachPointerAtAnEdge(String name) {
        Template template = TEMPLATES.get(name);
        if (template == null) {
            assertThat(NO_POINTERS).contains(name);
            return;
        }
        sweep(template, MemoryEdgeSweepTest::run);
    }

    static Stream<Template> networkTemplates() {
        return NETWORK_TEMPLATES.stream();
    }

    @ParameterizedTest
    @MethodSource("networkTemplates")
    void shouldAnswerInvalidMemoryAccessForEachPointerAtAnEdgeOnAConnection(Template template) {
        sweep(template, MemoryEdgeSweepTest::runConnection);
    }

    /**
     * Each pointer of {@code template} at each edge, then the untouched call, which must succeed:
     * the edges alone made the others fail.
     */
    private static void sweep(Template template, Function<List<String>, HostHarness> runner) {
        String name = template.name();
        List<String> variants = template.variants();
        List<String> lines = new ArrayList<>(SETUP);
        for (String v : variants) {
            lines.add(template.callback() + ": " + name + " " + v);
        }
        lines.add(template.callback() + ": " + name + " " + template.natural());
        try (HostHarness host = runner.apply(lines)) {
            List<String> results = Probe.results(host, name, template.callback());
            // The probe's own reads of its script come first.
            List<String> swept =
                    results.subList(results.size() - variants.size() - 1, results.size());
            List<String> expected = new ArrayList<>();
            variants.forEach(v -> expected.add("InvalidMemoryAccess"));
            expected.add("Ok");
            assertThat(swept).as(String.join("\n", variants)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("hostcalls")
    void shouldAnswerEveryArgumentAtAnEdgeWithoutAHostException(String name) {
        allAtTheEdges(name, "request_headers", MemoryEdgeSweepTest::run);
    }

    @ParameterizedTest
    @MethodSource("hostcalls")
    void shouldAnswerEveryArgumentAtAnEdgeInANetworkCallbackWithoutAHostException(String name) {
        allAtTheEdges(name, "downstream_data", MemoryEdgeSweepTest::runConnection);
    }

    private static void allAtTheEdges(
            String name, String callback, Function<List<String>, HostHarness> runner) {
        int params = HostcallCatalog.env(name).type().params().size();
        List<String> lines = new ArrayList<>(SETUP);
        for (String edge : ALL_EDGES) {
            lines.add(callback + ": " + name + (" " + edge).repeat(params));
        }
        try (HostHarness host = runner.apply(lines)) {
            List<String> results = Probe.results(host, name, callback);
            if (UNTRACED.contains(name)) {
                return; // no status to read: the VM living on (checked by run) is the point
            }
            assertThat(results).hasSize(ALL_EDGES.size()).doesNotContain("InternalFailure");
            if (!NO_POINTERS.contains(name)) {
                // Every pointer is past the end for all but the 0 edge.
                assertThat(results.subList(1, results.size())).doesNotContain("Ok");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "end-1", "end", "0x80000000", "0xffffffff"})
    void shouldTrapCleanlyOnAssemblyScriptsAbortWhateverItsPointers(String edge) {
        try (HostHarness host =
                Probe.start("request_headers: abort " + edge + " " + edge + " 1 2")) {
            HttpContext http = host.newHttpContext();
            assertThatThrownBy(() -> http.onRequestHeaders(GET, true))
                    .isInstanceOf(FilterTrapException.class)
                    .hasMessageContaining("abort");
            assertThat(host.failed()).isTrue();
        }
    }

    /** The probe with {@code lines}, then {@code check}, and what every template needs. */
    private static HostHarness harness(List<String> lines, String check) {
        List<String> all = new ArrayList<>(lines);
        all.add(check);
        return Probe.builder(all.toArray(String[]::new))
                .vmId("probe")
                .vmConfiguration("# the VM configuration")
                .cluster("auth", Probe.OK_UPSTREAM)
                .build();
    }

    /**
     * Runs a stream through the script, then checks the VM still works: a later callback's hostcall
     * changes the response as asked.
     */
    private static HostHarness run(List<String> lines) {
        HostHarness host =
                harness(lines, "response_headers: proxy_add_header_map_value 2 \"x-after\" \"ok\"");
        HttpContext http = host.newHttpContext();
        http.onRequestHeaders(GET, false);
        http.onRequestBody("request body".getBytes(StandardCharsets.UTF_8), true);
        http.onResponseHeaders(Headers.of(":status", "200"), true);
        host.runPending();
        assertThat(host.failed()).as("the VM trapped").isFalse();
        assertThat(http.responseHeaders().first("x-after")).contains("ok");
        return host;
    }

    /**
     * Runs a TCP connection through the script, then checks the VM still works: a later callback
     * logs as asked.
     */
    private static HostHarness runConnection(List<String> lines) {
        HostHarness host = harness(lines, "upstream_close: proxy_log 2 \"after\"");
        NetworkContext tcp = host.newNetworkContext();
        tcp.onNewConnection();
        tcp.onDownstreamData("downstream bytes".getBytes(StandardCharsets.UTF_8), false);
        tcp.onUpstreamData("upstream bytes".getBytes(StandardCharsets.UTF_8), false);
        tcp.onUpstreamConnectionClose(PeerType.REMOTE);
        host.runPending();
        assertThat(host.failed()).as("the VM trapped").isFalse();
        assertThat(host.logs()).contains("after");
        return host;
    }

    // ---- templates
    // -------------------------------------------------------------------------------

    /** One argument of a template: an integer (or slot), a string read from memory, an out slot. */
    private record Arg(String natural, int inputLength, boolean out) {}

    private static Arg i(String value) {
        return new Arg(value, -1, false);
    }

    /** A string of at least 2 bytes, so a pointer at end-1 crosses the end. */
    private static Arg in(String text) {
        return new Arg("\"" + text + "\"", text.length(), false);
    }

    private static Arg pairs(String... kv) {
        String literal = Probe.pairs(kv);
        return new Arg(literal, (literal.length() - 2) / 4, false);
    }

    private static Arg out() {
        return new Arg("out", -1, true);
    }

    private record Template(String name, String callback, List<Arg> args) {
        @Override
        public String toString() {
            return name + " " + natural() + " in " + callback;
        }

        String natural() {
            return args.stream().map(Arg::natural).collect(Collectors.joining(" "));
        }

        /** The call once per pointer edge, the other arguments as in {@link #natural}. */
        List<String> variants() {
            List<String> out = new ArrayList<>();
            for (int k = 0; k < args.size(); k++) {
                Arg a = args.get(k);
                List<String> edges = new ArrayList<>();
                if (a.out()) {
                    edges.addAll(OUT_EDGES);
                } else if (a.inputLength() >= 0) {
                    POINTER_EDGES.forEach(e -> edges.add(e + " " + a.inputLength()));
                    edges.addAll(SIZE_EDGES);
                }
                for (String edge : edges) {
                    List<String> parts = new ArrayList<>();
                    for (int j = 0; j < args.size(); j++) {
                        parts.add(j == k ? edge : args.get(j).natural());
                    }
                    out.add(String.join(" ", parts));
                }
            }
            return out;
        }
    }

    private static Template t(String name, Arg... args) {
        return new Template(name, "request_headers", List.of(args));
    }

    private static Template body(Template t) {
        return new Template(t.name(), "request_body", t.args());
    }
}
