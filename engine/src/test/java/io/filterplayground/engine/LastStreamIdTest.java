package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.trace.TraceSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the window needs to follow a request live, and to build Lua and native filters. */
class LastStreamIdTest {
    @Test
    void shouldNameTheStreamOfTheLatestSend() throws Exception {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("request", Map.of("x-a", "1"));
        config.put("append", null); // a null value (YAML "~") is kept, and means the default
        NativeFilterSpec add = NativeFilterSpec.of("add", "add-header", config);
        FilterSpec lua =
                LuaFilterSpec.of(
                        "lua",
                        "function envoy_on_request(h) h:headers():add('x-b', '2') end",
                        Map.of());
        assertThat(add.config().keySet()).containsExactly("request", "append");
        var scenario =
                ScenarioLoader.parse(
                                "clusters: {backend: {mock: {status: 200}}}\nroute: backend\n",
                                "s.yaml",
                                ref -> new byte[0])
                        .withFilters(List.of(add, lua));
        try (Playground p =
                Playground.start(scenario, Playground.Options.defaults(), TraceSink.NONE)) {
            assertThat(p.lastStreamId()).isZero();
            var first = p.send("a", HttpRequest.get("/"), null);
            long firstId = p.lastStreamId();
            var second = p.send("b", HttpRequest.get("/"), null);
            long secondId = p.lastStreamId();
            assertThat(first.get(20, TimeUnit.SECONDS).streamId()).isEqualTo(firstId);
            Exchange x = second.get(20, TimeUnit.SECONDS);
            assertThat(x.streamId()).isEqualTo(secondId).isGreaterThan(firstId);
            assertThat(x.upstreamRequest().headers().first("x-a")).contains("1");
            assertThat(x.upstreamRequest().headers().first("x-b")).contains("2");
        }
    }
}
