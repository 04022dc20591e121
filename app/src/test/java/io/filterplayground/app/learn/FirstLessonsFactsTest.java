package io.filterplayground.app.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.filter.VmView;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.VmEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What lessons 1 to 5 say, checked against the engine running their scenarios. */
class FirstLessonsFactsTest {

    @Test
    void shouldShowLessonOnesThreeStylesAndQuoteTheReadmesBenchmark() throws Exception {
        try (Played p = Played.lesson(1)) {
            p.step(1);
            Exchange hello = p.last("hello");
            assertThat(Played.callbackNames(hello, "native-add-header"))
                    .containsExactly("decodeHeaders", "encodeHeaders");
            assertThat(Played.callbackNames(hello, "lua-add-header"))
                    .containsExactly("envoy_on_request", "envoy_on_response");
            // "this SDK takes seven callbacks per request"
            assertThat(Played.callbackNames(hello, "wasm-add-header"))
                    .hasSize(7)
                    .startsWith("proxy_on_context_create", "proxy_on_request_headers")
                    .endsWith("proxy_on_delete");
            assertThat(hello.events())
                    .anyMatch(
                            e ->
                                    e instanceof HostCallEvent h
                                            && h.filter().equals("wasm-add-header")
                                            && h.name().equals("proxy_add_header_map_value"));
            p.step(2);
            assertThat(Played.callbackNames(p.last("hello"), "wasm-add-header")).isEmpty();
        }
        // The table's numbers are the README's ("What each style costs"), not invented.
        String lesson =
                LessonCatalog.builtIn(1).sections().stream()
                        .map(Lesson.Section::markdown)
                        .collect(java.util.stream.Collectors.joining("\n"));
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String[] row :
                List.of(
                        new String[] {"none (empty chain)", "4.0"},
                        new String[] {"native `add-header`", "3.8"},
                        new String[] {"Lua `add_header.lua`", "6.2"},
                        new String[] {"Wasm `add_header.wasm`", "24.6"})) {
            assertThat(readme)
                    .containsPattern(
                            "\\| "
                                    + java.util.regex.Pattern.quote(row[0])
                                    + "[^|]*\\| "
                                    + java.util.regex.Pattern.quote(row[1])
                                    + " ±");
            assertThat(lesson).contains("| " + row[1] + " |");
        }
        assertThat(readme).contains("≈ 0 / ≈ 1", "≈ 2 / ≈ 2", "≈ 21 / ≈ 16", "seven callbacks");
    }

    @Test
    void shouldGiveEachWorkerItsOwnVmsAndGlobalsInLessonTwo() throws Exception {
        try (Played p = Played.lesson(2)) {
            p.step(1);
            for (String worker : List.of("worker-0", "worker-1")) {
                assertThat(p.vms(worker))
                        .extracting(VmView::module)
                        .containsExactlyInAnyOrder("add-header", "rate-limiter", "request-counter");
            }
            // The canary: each plugin started once on the main thread first.
            assertThat(p.events())
                    .filteredOn(e -> e instanceof VmEvent v && v.state().equals("canary-passed"))
                    .hasSize(3)
                    .allMatch(e -> e.thread().equals("main"));
            p.step(2).step(3).step(4);
            List<Exchange> burst = p.exchanges("burst");
            assertThat(burst).hasSize(6);
            assertThat(outcomes(burst, "worker-0")).containsExactlyInAnyOrder(200, 429, 429);
            assertThat(outcomes(burst, "worker-1")).containsExactlyInAnyOrder(200, 200, 429);
        }
    }

    private static List<Integer> outcomes(List<Exchange> xs, String worker) {
        return xs.stream()
                .filter(x -> x.worker().equals(worker))
                .map(x -> x.response().status())
                .toList();
    }

    @Test
    void shouldShareOneVmUntilTheVmConfigurationOrVmIdDiffersInLessonThree() throws Exception {
        try (Played p = Played.lesson(3)) {
            p.step(1);
            assertThat(p.vms("worker-1")).hasSize(1);
            assertThat(p.vms("worker-1").get(0).id()).isEqualTo("first#w1");
            assertThat(p.vms("worker-1").get(0).roots())
                    .extracting(VmView.RootView::plugin)
                    .containsExactly("first", "second");
            p.step(2);
            assertThat(p.vms("worker-1"))
                    .extracting(VmView::id)
                    .containsExactlyInAnyOrder("first#w1", "second#w1");
            assertThat(p.vms("worker-1"))
                    .filteredOn(v -> v.id().equals("first#w1"))
                    .singleElement()
                    .satisfies(
                            v ->
                                    assertThat(v.roots())
                                            .extracting(VmView.RootView::plugin)
                                            .containsExactly("first"));
            p.step(3);
            assertThat(p.vms("worker-1"))
                    .extracting(VmView::id)
                    .containsExactlyInAnyOrder("first#w1", "other#w1");
        }
    }

    @Test
    void shouldAggregateOnTheMainThreadOffTheRequestPathInLessonFour() throws Exception {
        try (Played p = Played.lesson(4)) {
            p.step(1);
            List<CallbackEvent> ready = p.callbacks(c -> c.name().equals("proxy_on_queue_ready"));
            assertThat(ready)
                    .hasSize(4)
                    .allMatch(c -> c.thread().equals("main") && c.streamId() == 0);
            assertThat(p.vms("main")).extracting(VmView::id).containsExactly("stats#main");
            // No request carries the service's work, and the denied one is still logged by stats.
            for (String name : List.of("get", "post", "admin")) {
                assertThat(p.last(name).events())
                        .noneMatch(e -> e.thread().equals("main"))
                        .noneMatch(
                                e ->
                                        e instanceof CallbackEvent c
                                                && c.filter().equals("stats-service"));
            }
            assertThat(Played.callbackNames(p.last("admin"), "stats")).contains("proxy_on_log");
            assertThat(p.last("admin").upstreamRequest()).isNull();
            // "this one set a tick of one second with proxy_set_tick_period_milliseconds"
            assertThat(p.events())
                    .anyMatch(
                            e ->
                                    e instanceof HostCallEvent h
                                            && h.filter().equals("stats-service")
                                            && h.name().equals("proxy_set_tick_period_milliseconds")
                                            && h.thread().equals("main"));
            p.step(2);
        }
    }

    @Test
    void shouldFollowLessonFivesContextsAndReadableMaps() throws Exception {
        try (Played p = Played.lesson(5)) {
            p.step(1);
            List<CallbackEvent> hello =
                    p.callbacks(
                            c -> c.filter().equals("hello-abi") && c.thread().equals("worker-0"));
            assertThat(hello.get(0).name()).isEqualTo("proxy_on_context_create");
            assertThat(hello.get(0).args())
                    .containsEntry("context_id", 1L)
                    .containsEntry("parent_context_id", 0L);
            assertThat(hello)
                    .filteredOn(c -> c.name().equals("proxy_on_context_create"))
                    .element(1)
                    .satisfies(
                            c ->
                                    assertThat(c.args())
                                            .containsEntry("context_id", 2L)
                                            .containsEntry("parent_context_id", 1L));
            p.step(2);
            Exchange second = p.last("hello");
            List<String> ends =
                    second.events().stream()
                            .filter(CallbackEvent.class::isInstance)
                            .map(e -> ((CallbackEvent) e).name())
                            .filter(
                                    n ->
                                            List.of(
                                                            "proxy_on_log",
                                                            "proxy_on_done",
                                                            "proxy_on_delete")
                                                    .contains(n))
                            .toList();
            int lastLog = ends.lastIndexOf("proxy_on_log");
            assertThat(ends.subList(0, lastLog + 1)).containsOnly("proxy_on_log");
            assertThat(ends.subList(lastLog + 1, ends.size())).doesNotContain("proxy_on_log");
            Map<String, List<String>> reads = probeReads(second);
            assertThat(reads.get("proxy_on_request_headers"))
                    .containsExactly(
                            "HttpRequestHeaders :path Ok /hello",
                            "HttpResponseHeaders :status BadArgument null");
            // The probe let its request headers continue: Envoy no longer gives it them.
            assertThat(reads.get("proxy_on_response_headers"))
                    .containsExactly(
                            "HttpResponseHeaders :status Ok 200",
                            "HttpRequestHeaders :path BadArgument null");
            assertThat(reads.get("proxy_on_log"))
                    .containsExactly("HttpResponseHeaders :status Ok 200");
            p.step(3);
            assertThat(Played.callbackNames(p.last("upload"), "hello-abi"))
                    .doesNotContain("proxy_on_request_body");
            assertThat(Played.callbackNames(p.last("hello"), "probe"))
                    .doesNotContain("proxy_on_request_body");
        }
    }

    /** The probe's header reads in an exchange, by the callback they were made in. */
    private static Map<String, List<String>> probeReads(Exchange x) {
        Map<Long, String> callbackOf = new java.util.HashMap<>();
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (TraceEvent e : x.events()) {
            if (e instanceof CallbackEvent c && c.filter().equals("probe")) {
                callbackOf.put(c.seq(), c.name());
            } else if (e instanceof HostCallEvent h
                    && h.filter().equals("probe")
                    && h.name().equals("proxy_get_header_map_value")) {
                out.computeIfAbsent(callbackOf.get(h.parentSeq()), k -> new java.util.ArrayList<>())
                        .add(
                                h.args().get("map")
                                        + " "
                                        + h.args().get("key")
                                        + " "
                                        + h.result()
                                        + " "
                                        + h.args().get("value"));
            }
        }
        return out;
    }
}
