package io.filterplayground.engine.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.debug.Debugger;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.filter.HttpFilter;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.http.HttpResponse;
import io.filterplayground.engine.runtime.Activity;
import io.filterplayground.engine.runtime.VirtualClock;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.upstream.MockCluster;
import io.filterplayground.engine.upstream.MockSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The filter manager's iteration rules with plain Java filters (the native style): Envoy's
 * StopIteration vs StopAllIteration, buffering, trailers added on the last chunk, local replies
 * during encoding, resets, the buffer limit.
 */
class HttpStreamTest {
    private final Activity activity = new Activity();
    private final Worker worker = new Worker(0, activity, Throwable::printStackTrace);
    private final VirtualClock clock = new VirtualClock(activity);
    private final List<String> calls = new ArrayList<>();

    @AfterEach
    void stop() {
        worker.close();
    }

    /** A filter that records its callbacks and answers from a script. */
    private class Scripted implements HttpFilter {
        final String name;
        final FilterCallbacks cb;
        final Function<String, FilterStatus> script;

        Scripted(String name, FilterCallbacks cb, Function<String, FilterStatus> script) {
            this.name = name;
            this.cb = cb;
            this.script = script;
        }

        private FilterStatus record(String what) {
            calls.add(name + " " + what);
            FilterStatus s = script.apply(what);
            return s == null ? FilterStatus.CONTINUE : s;
        }

        @Override
        public FilterStatus onRequestHeaders(HeaderMap headers, boolean eos) {
            return record("reqHeaders eos=" + eos);
        }

        @Override
        public FilterStatus onRequestBody(Buffer body, boolean eos) {
            return record("reqBody '" + body.utf8() + "' eos=" + eos);
        }

        @Override
        public FilterStatus onRequestTrailers(HeaderMap trailers) {
            return record("reqTrailers");
        }

        @Override
        public FilterStatus onResponseHeaders(HeaderMap headers, boolean eos) {
            return record("respHeaders " + headers.get(":status") + " eos=" + eos);
        }

        @Override
        public FilterStatus onResponseBody(Buffer body, boolean eos) {
            return record("respBody '" + body.utf8() + "' eos=" + eos);
        }
    }

    private record Result(HttpResponse response, String upstreamBody, HttpStream stream) {}

    private Result run(
            HttpRequest request,
            List<Function<FilterCallbacks, HttpFilter>> filters,
            int bufferLimit)
            throws Exception {
        Tracer tracer = new Tracer(e -> {}, TraceDetail.FULL);
        MockCluster backend =
                new MockCluster(
                        "backend",
                        new MockSpec(
                                200,
                                Headers.of("content-type", "text/plain"),
                                List.of("ok".getBytes(StandardCharsets.UTF_8)),
                                Headers.empty(),
                                false,
                                0,
                                null),
                        clock);
        List<HttpConnectionManager.Named> named = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            Function<FilterCallbacks, HttpFilter> f = filters.get(i);
            named.add(new HttpConnectionManager.Named("f" + i, i, f::apply));
        }
        CompletableFuture<HttpStream> done = new CompletableFuture<>();
        HttpConnectionManager hcm =
                new HttpConnectionManager(
                        worker,
                        new HttpConnectionManager.Config(
                                tracer, clock, new Debugger(), "backend", backend, bufferLimit, 42),
                        named,
                        List.of());
        CompletableFuture<HttpStream> started = new CompletableFuture<>();
        worker.execute(() -> started.complete(hcm.newStream(1, request, done::complete)));
        HttpStream stream = started.get(5, java.util.concurrent.TimeUnit.SECONDS);
        activity.awaitIdle(5000);
        HttpStream s = done.getNow(stream);
        String up =
                s.upstreamRequest() == null
                        ? null
                        : new String(s.upstreamRequest().body(), StandardCharsets.UTF_8);
        return new Result(s.response(), up, s);
    }

    private static HttpRequest post(String... chunks) {
        List<byte[]> c = new ArrayList<>();
        for (String s : chunks) {
            c.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return HttpRequest.get("/").withBodyChunks(c);
    }

    @Test
    void shouldStillDeliverBodyToAFilterThatStoppedIterationOnHeaders() throws Exception {
        // StopIteration (not StopAll): the body still reaches the filter; Continue on the last
        // chunk resumes the headers, then the buffered body, for the next filter.
        Result r =
                run(
                        post("a", "b"),
                        List.of(
                                cb ->
                                        new Scripted(
                                                "f0",
                                                cb,
                                                w ->
                                                        w.startsWith("reqHeaders")
                                                                ? FilterStatus.STOP_ITERATION
                                                                : w.equals("reqBody 'a' eos=false")
                                                                        ? FilterStatus
                                                                                .STOP_ITERATION_AND_BUFFER
                                                                        : null),
                                cb -> new Scripted("f1", cb, w -> null)),
                        1 << 20);

        assertThat(calls)
                .containsSubsequence(
                        "f0 reqHeaders eos=false",
                        "f0 reqBody 'a' eos=false",
                        "f0 reqBody 'ab' eos=true",
                        "f1 reqHeaders eos=false",
                        "f1 reqBody 'ab' eos=true");
        assertThat(r.upstreamBody()).isEqualTo("ab");
    }

    @Test
    void shouldBufferWithoutCallbacksAfterStopAllAndDeliverToTheStoppedFilterFirst()
            throws Exception {
        List<FilterCallbacks> first = new ArrayList<>();
        run(
                post("x", "y"),
                List.of(
                        cb -> {
                            first.add(cb);
                            return new Scripted(
                                    "f0",
                                    cb,
                                    w ->
                                            w.startsWith("reqHeaders")
                                                    ? FilterStatus.STOP_ALL_ITERATION
                                                    : null);
                        },
                        cb -> new Scripted("f1", cb, w -> null)),
                1 << 20);
        assertThat(calls).containsExactly("f0 reqHeaders eos=false");

        worker.execute(() -> first.get(0).continueRequest());
        activity.awaitIdle(5000);

        assertThat(calls)
                .containsExactly(
                        "f0 reqHeaders eos=false",
                        "f1 reqHeaders eos=false",
                        "f0 reqBody 'xy' eos=true",
                        "f1 reqBody 'xy' eos=true",
                        "f1 respHeaders 200 eos=false",
                        "f0 respHeaders 200 eos=false",
                        "f1 respBody 'ok' eos=true",
                        "f0 respBody 'ok' eos=true");
    }

    @Test
    void shouldSendALocalReplyMadeDuringEncodingStraightToTheClient() throws Exception {
        Result r =
                run(
                        HttpRequest.get("/"),
                        List.of(
                                cb -> new Scripted("f0", cb, w -> null),
                                cb ->
                                        new Scripted(
                                                "f1",
                                                cb,
                                                w -> {
                                                    if (w.startsWith("respHeaders")) {
                                                        cb.sendLocalReply(
                                                                502,
                                                                "replaced"
                                                                        .getBytes(
                                                                                StandardCharsets
                                                                                        .UTF_8),
                                                                List.of(),
                                                                "replaced");
                                                    }
                                                    return null;
                                                })),
                        1 << 20);

        assertThat(r.response().status()).isEqualTo(502);
        assertThat(r.response().bodyText()).isEqualTo("replaced");
        assertThat(calls)
                .doesNotContain("f0 respHeaders 200 eos=false")
                .doesNotContain("f0 respHeaders 502 eos=false");
    }

    @Test
    void shouldResetTheStreamForALocalReplyAfterTheResponseHeadersLeft() throws Exception {
        Result r =
                run(
                        HttpRequest.get("/"),
                        List.of(
                                cb ->
                                        new Scripted(
                                                "f0",
                                                cb,
                                                w -> {
                                                    if (w.startsWith("respBody")) {
                                                        cb.sendLocalReply(
                                                                500,
                                                                new byte[0],
                                                                List.of(),
                                                                "too_late");
                                                    }
                                                    return null;
                                                })),
                        1 << 20);

        assertThat(r.response().reset()).isTrue();
    }

    @Test
    void shouldDeliverTrailersAddedOnTheLastChunkAfterThatChunk() throws Exception {
        Result r =
                run(
                        post("z"),
                        List.of(
                                cb ->
                                        new Scripted(
                                                "f0",
                                                cb,
                                                w -> {
                                                    if (w.startsWith("reqBody")) {
                                                        cb.addRequestTrailers().add("x-added", "1");
                                                    }
                                                    return null;
                                                }),
                                cb -> new Scripted("f1", cb, w -> null)),
                        1 << 20);

        assertThat(calls)
                .containsSubsequence(
                        "f0 reqBody 'z' eos=true", "f1 reqBody 'z' eos=false", "f1 reqTrailers");
        assertThat(r.stream().upstreamRequest().trailers().first("x-added")).contains("1");
    }

    @Test
    void shouldAnswer413WhenABufferedRequestBodyExceedsTheLimit() throws Exception {
        Result r =
                run(
                        post("12345", "67890"),
                        List.of(
                                cb ->
                                        new Scripted(
                                                "f0",
                                                cb,
                                                w ->
                                                        w.startsWith("reqBody")
                                                                ? FilterStatus
                                                                        .STOP_ITERATION_AND_BUFFER
                                                                : null)),
                        8);

        assertThat(r.response().status()).isEqualTo(413);
        assertThat(r.response().details()).isEqualTo("request_payload_too_large");
        assertThat(r.upstreamBody()).isNull();
    }

    @Test
    void shouldResetWhenAFilterClosesTheStream() throws Exception {
        Result r =
                run(
                        HttpRequest.get("/"),
                        List.of(
                                cb ->
                                        new Scripted(
                                                "f0",
                                                cb,
                                                w -> {
                                                    cb.resetStream("closed_by_test");
                                                    return FilterStatus.STOP_ALL_ITERATION;
                                                }),
                                cb -> new Scripted("f1", cb, w -> null)),
                        1 << 20);

        assertThat(r.response().reset()).isTrue();
        assertThat(r.response().details()).isEqualTo("closed_by_test");
        assertThat(calls).containsExactly("f0 reqHeaders eos=true");
    }
}
