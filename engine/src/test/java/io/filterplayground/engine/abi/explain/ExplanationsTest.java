package io.filterplayground.engine.abi.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.abi.Action;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.abi.explain.Explanation.Kind;
import io.filterplayground.engine.wasm.host.HostcallCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every name a trace can show has its explanation: a callback, hostcall, status or action added
 * without one fails the build here.
 */
class ExplanationsTest {
    private final Explanations explanations = Explanations.standard();

    @Test
    void shouldExplainEveryCallbackTheHostCalls() {
        assertExplained(Arrays.stream(Callback.values()).map(Callback::exportName), Kind.CALLBACK);
    }

    @Test
    void shouldExplainEveryFunctionTheHostLinks() {
        assertExplained(HostcallCatalog.all().keySet().stream(), Kind.HOSTCALL);
    }

    @Test
    void shouldExplainEveryStatusAndAction() {
        assertExplained(
                Arrays.stream(WasmResult.values()).map(WasmResult::displayName), Kind.STATUS);
        assertExplained(Arrays.stream(Action.values()).map(Action::displayName), Kind.ACTION);
    }

    @Test
    void shouldSayWhatWhenAndTheMistakeInAFewShortSentences() {
        for (Explanation e : explanations.all()) {
            assertThat(e.what()).as(e.name() + " what").isNotBlank();
            assertThat(e.when()).as(e.name() + " when").isNotBlank();
            assertThat(e.mistake()).as(e.name() + " mistake").isNotBlank();
            assertThat(e.envoy()).as(e.name() + " envoy").isNotBlank();
            if (e.kind() == Kind.CALLBACK || e.kind() == Kind.HOSTCALL) {
                assertThat(e.result()).as(e.name() + " result").isNotBlank();
            }
            for (var f : e.fields()) {
                assertThat(f.getValue().split("(?<=[.;!?])\\s+(?=[A-Z])"))
                        .as(e.name() + " " + f.getKey() + ": one to three short sentences")
                        .hasSizeLessThanOrEqualTo(3);
                assertThat(f.getValue().length()).as(e.name() + " " + f.getKey()).isLessThan(260);
            }
        }
    }

    @Test
    void shouldExplainOnlyNamesThatExist() {
        Set<String> known =
                Stream.of(
                                Arrays.stream(Callback.values()).map(Callback::exportName),
                                HostcallCatalog.all().keySet().stream(),
                                Arrays.stream(WasmResult.values()).map(WasmResult::displayName),
                                Arrays.stream(Action.values()).map(Action::displayName),
                                // Lua handlers and built-in filters' callbacks share the timeline.
                                Stream.of(
                                        "envoy_on_request",
                                        "envoy_on_response",
                                        "decodeHeaders",
                                        "decodeData",
                                        "decodeTrailers",
                                        "encodeHeaders",
                                        "encodeData",
                                        "encodeTrailers"))
                        .flatMap(s -> s)
                        .collect(Collectors.toSet());
        assertThat(explanations.all()).extracting(Explanation::name).allMatch(known::contains);
    }

    @Test
    void shouldFindANameOnlyAsItsKind() {
        assertThat(explanations.find("Continue", Kind.ACTION)).isPresent();
        assertThat(explanations.find("Continue", Kind.STATUS)).isEmpty();
        assertThat(explanations.find("proxy_http_call").orElseThrow().mistake())
                .contains("cluster name");
        assertThat(explanations.find(null)).isEmpty();
    }

    private void assertExplained(Stream<String> names, Kind kind) {
        List<String> missing = new ArrayList<>();
        names.forEach(
                n -> {
                    if (explanations.find(n, kind).isEmpty()) {
                        missing.add(n);
                    }
                });
        assertThat(missing).as("%s names without an explanation", kind.displayName()).isEmpty();
    }
}
