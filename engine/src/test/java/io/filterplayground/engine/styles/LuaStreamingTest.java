package io.filterplayground.engine.styles;

import static io.filterplayground.engine.styles.Scenarios.callbacks;
import static io.filterplayground.engine.styles.Scenarios.hostcalls;
import static io.filterplayground.engine.styles.Scenarios.logs;
import static io.filterplayground.engine.styles.Scenarios.lua;
import static io.filterplayground.engine.styles.Scenarios.of;
import static io.filterplayground.engine.styles.Scenarios.only;
import static io.filterplayground.engine.styles.Scenarios.run;
import static io.filterplayground.engine.styles.Scenarios.upstream;
import static io.filterplayground.engine.styles.Scenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.TrapEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Envoy's streaming Lua calls, {@code bodyChunks()} and {@code trailers()}, through the real
 * engine: the script suspends per chunk or until the trailers, and the data flows past it.
 */
class LuaStreamingTest {

    private static final String THREE_CHUNKS_AND_TRAILERS =
            """
            - name: post
              method: POST
              bodyChunks: ["ab", "cd", "ef"]
              trailers: [[x-checksum, "42"]]
            """;

    @Test
    void shouldResumeOncePerChunkAndLetEachChunkThroughRewritten() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  handle:headers():add("x-before", "chunks")
                                                  local n = 0
                                                  for chunk in handle:bodyChunks() do
                                                    n = n + 1
                                                    local s = chunk:getBytes(0, chunk:length())
                                                    handle:logInfo("chunk " .. n .. " " .. s)
                                                    chunk:setBytes(string.upper(s))
                                                  end
                                                  handle:logInfo("chunks " .. n)
                                                end
                                                """),
                                        THREE_CHUNKS_AND_TRAILERS)));
        assertThat(new String(x.upstreamRequest().body(), StandardCharsets.UTF_8))
                .isEqualTo("ABCDEF");
        assertThat(upstream(x, "x-before")).isEqualTo("chunks");
        // Trailers end the body: the iterator's last resume is nil, not a chunk.
        assertThat(logs(x))
                .containsSubsequence(
                        "script log: chunk 1 ab",
                        "script log: chunk 2 cd",
                        "script log: chunk 3 ef",
                        "script log: chunks 3");
        assertThat(callbacks(x, "lua"))
                .extracting(CallbackEvent::result)
                .containsExactly(
                        "yield: waiting for the next body chunk",
                        "yield: waiting for the next body chunk",
                        "yield: waiting for the next body chunk",
                        "yield: waiting for the next body chunk",
                        "done");
        assertThat(callbacks(x, "lua"))
                .extracting(c -> c.args().get("stage"))
                .containsExactly(
                        "request_headers",
                        "request_body",
                        "request_body",
                        "request_body",
                        "request_trailers");
        // Unlike body(), the chunks are not held: the stream never pauses for this filter.
        assertThat(of(x.events(), StreamEvent.class))
                .extracting(StreamEvent::what)
                .doesNotContain("paused");
        assertThat(hostcalls(x, "lua"))
                .extracting(HostCallEvent::name, HostCallEvent::result)
                .contains(
                        tuple("bodyChunks", "iterator"),
                        tuple("bodyChunks:chunk", "2 byte(s)"),
                        tuple("bodyChunks:chunk", "nil: trailers ended the body"));
    }

    @Test
    void shouldEndTheIterationAtTheLastChunkWhenThereAreNoTrailers() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  local sizes = {}
                                                  for chunk in handle:bodyChunks() do
                                                    sizes[#sizes + 1] = chunk:length()
                                                  end
                                                  handle:logInfo("sizes " .. table.concat(sizes, ","))
                                                end
                                                """),
                                        """
                                        - name: post
                                          method: POST
                                          bodyChunks: ["a", "bb", "ccc"]
                                        """)));
        assertThat(logs(x)).contains("script log: sizes 1,2,3");
        assertThat(callbacks(x, "lua")).extracting(CallbackEvent::result).last().isEqualTo("done");
        assertThat(new String(x.upstreamRequest().body(), StandardCharsets.UTF_8))
                .isEqualTo("abbccc");
    }

    @Test
    void shouldWaitForTrailersAndLetTheScriptChangeThem() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  local t = handle:trailers()
                                                  handle:logInfo("checksum " .. t:get("x-checksum"))
                                                  t:add("x-lua", "seen")
                                                  t:replace("x-checksum", "43")
                                                  handle:logInfo("again " .. handle:trailers():get("x-lua"))
                                                end
                                                """),
                                        THREE_CHUNKS_AND_TRAILERS)));
        assertThat(logs(x)).contains("script log: checksum 42", "script log: again seen");
        assertThat(x.upstreamRequest().trailers().first("x-lua")).contains("seen");
        assertThat(x.upstreamRequest().trailers().all("x-checksum")).containsExactly("43");
        // The body streamed past while the script waited for the trailers.
        assertThat(new String(x.upstreamRequest().body(), StandardCharsets.UTF_8))
                .isEqualTo("abcdef");
        assertThat(callbacks(x, "lua"))
                .extracting(CallbackEvent::result)
                .containsExactly("yield: waiting for the trailers", "done");
        assertThat(hostcalls(x, "lua"))
                .extracting(HostCallEvent::name)
                .contains("trailers", "trailers:arrived");
    }

    @Test
    void shouldGiveNilTrailersWhenTheBodyEndsTheStream() {
        String script =
                """
                function envoy_on_request(handle)
                  local t = handle:trailers()
                  handle:logInfo("trailers " .. tostring(t))
                end
                """;
        Exchange withBody =
                only(
                        run(
                                yaml(
                                        lua("lua", script),
                                        """
                                        - name: post
                                          method: POST
                                          bodyChunks: ["x", "y"]
                                        """)));
        assertThat(logs(withBody)).contains("script log: trailers nil");
        assertThat(callbacks(withBody, "lua"))
                .extracting(CallbackEvent::result)
                .containsExactly("yield: waiting for the trailers", "done");
        // Headers only: the stream has already ended, so there is nothing to wait for.
        Exchange headersOnly = only(run(yaml(lua("lua", script), "- name: get\n")));
        assertThat(logs(headersOnly)).contains("script log: trailers nil");
        assertThat(callbacks(headersOnly, "lua"))
                .extracting(CallbackEvent::result)
                .containsExactly("done");
    }

    @Test
    void shouldRejectAChunkUsedAfterTheScriptMovedOn() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  local first
                                                  for chunk in handle:bodyChunks() do
                                                    first = first or chunk
                                                    first:length()
                                                  end
                                                end
                                                """),
                                        THREE_CHUNKS_AND_TRAILERS)));
        assertThat(of(x.events(), TrapEvent.class))
                .singleElement()
                .satisfies(
                        t ->
                                assertThat(t.message())
                                        .contains("object used outside of proper scope"));
        // Envoy: the script steps aside and the stream continues.
        assertThat(x.response().status()).isEqualTo(200);
        assertThat(new String(x.upstreamRequest().body(), StandardCharsets.UTF_8))
                .isEqualTo("abcdef");
    }

    @Test
    void shouldRefuseBodyChunksOnceTheBodyHasStarted() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  handle:trailers()
                                                  handle:bodyChunks()
                                                end
                                                """),
                                        THREE_CHUNKS_AND_TRAILERS)));
        assertThat(logs(x))
                .anyMatch(
                        l ->
                                l.contains("script log: ")
                                        && l.contains(
                                                "cannot call bodyChunks after body processing"
                                                        + " has begun"));
    }

    @Test
    void shouldEscapeBase64() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        lua(
                                                "lua",
                                                """
                                                function envoy_on_request(handle)
                                                  handle:headers():add("x-b64", handle:base64Escape("hello, lua"))
                                                end
                                                """),
                                        "- name: get\n")));
        assertThat(upstream(x, "x-b64")).isEqualTo("aGVsbG8sIGx1YQ==");
    }
}
