package io.filterplayground.engine.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.debug.Debugger;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.ConnectionCallbacks;
import io.filterplayground.engine.filter.ConnectionEvent;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.NetworkFilter;
import io.filterplayground.engine.runtime.Activity;
import io.filterplayground.engine.runtime.VirtualClock;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.upstream.MockTcpCluster;
import io.filterplayground.engine.upstream.MockTcpSpec;
import io.filterplayground.engine.upstream.TcpCluster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The network filter manager's rules, with plain Java filters and mock TCP upstreams. */
class NetworkConnectionTest {
    private final Activity activity = new Activity();
    private final Worker worker = new Worker(0, activity, Throwable::printStackTrace);
    private final VirtualClock clock = new VirtualClock(activity);
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        worker.close();
    }

    /** Records every callback as "name:callback:data"; {@code onData} decides the status. */
    private class Recording implements NetworkFilter {
        final String name;
        final ConnectionCallbacks cb;
        final Function<String, FilterStatus> onData;

        Recording(String name, ConnectionCallbacks cb, Function<String, FilterStatus> onData) {
            this.name = name;
            this.cb = cb;
            this.onData = onData;
        }

        @Override
        public FilterStatus onNewConnection() {
            seen.add(name + ":new");
            return FilterStatus.CONTINUE;
        }

        @Override
        public FilterStatus onData(Buffer data, boolean endStream) {
            seen.add(name + ":data:" + data.utf8() + (endStream ? ":eos" : ""));
            return onData.apply(data.utf8());
        }

        @Override
        public FilterStatus onWrite(Buffer data, boolean endStream) {
            seen.add(name + ":write:" + data.utf8() + (endStream ? ":eos" : ""));
            return FilterStatus.CONTINUE;
        }

        @Override
        public void onEvent(ConnectionEvent event) {
            seen.add(name + ":" + event);
        }

        @Override
        public void onDestroy() {
            seen.add(name + ":destroy");
        }
    }

    private record Run(NetworkConnection connection, CompletableFuture<NetworkConnection> done) {}

    private Run open(TcpCluster cluster, List<Function<ConnectionCallbacks, NetworkFilter>> filters)
            throws Exception {
        List<TcpListener.Named> named = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            named.add(new TcpListener.Named("f" + i, i, filters.get(i)::apply));
        }
        TcpListener listener =
                new TcpListener(
                        worker,
                        new TcpListener.Config(
                                new Tracer(e -> {}, TraceDetail.FULL),
                                clock,
                                new Debugger(),
                                "backend",
                                cluster),
                        named,
                        List.of());
        CompletableFuture<NetworkConnection> done = new CompletableFuture<>();
        NetworkConnection c =
                worker.submit(() -> listener.accept(1, done::complete)).get(5, TimeUnit.SECONDS);
        activity.awaitIdle(5000);
        return new Run(c, done);
    }

    private void on(Run r, Runnable step) throws Exception {
        worker.execute(step);
        activity.awaitIdle(5000);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static MockTcpCluster echo() {
        return new MockTcpCluster("backend", MockTcpSpec.echoing());
    }

    @Test
    void shouldRunReadFiltersInOrderAndWriteFiltersInReverse() throws Exception {
        Run r =
                open(
                        echo(),
                        List.of(
                                cb -> new Recording("a", cb, s -> FilterStatus.CONTINUE),
                                cb -> new Recording("b", cb, s -> FilterStatus.CONTINUE)));
        on(r, () -> r.connection().clientData(bytes("PING"), false));
        on(r, () -> r.connection().end());
        assertThat(seen)
                .containsExactly(
                        "a:new",
                        "b:new",
                        "a:data:PING",
                        "b:data:PING",
                        "b:write:PING",
                        "a:write:PING",
                        "a:REMOTE_CLOSE",
                        "b:REMOTE_CLOSE",
                        "a:destroy",
                        "b:destroy");
        assertThat(text(r.connection().received())).isEqualTo("PING");
        assertThat(text(r.connection().upstreamReceived())).isEqualTo("PING");
        assertThat(r.connection().closedBy()).isEqualTo("downstream");
        assertThat(r.done()).isCompleted();
    }

    @Test
    void shouldDeliverHeldBytesAgainToEveryFilterWithTheNextBytes() throws Exception {
        // b waits for a whole line; Envoy re-runs every read filter on the whole read buffer.
        Run r =
                open(
                        echo(),
                        List.of(
                                cb -> new Recording("a", cb, s -> FilterStatus.CONTINUE),
                                cb ->
                                        new Recording(
                                                "b",
                                                cb,
                                                s ->
                                                        s.endsWith("\n")
                                                                ? FilterStatus.CONTINUE
                                                                : FilterStatus.STOP_ITERATION)));
        on(r, () -> r.connection().clientData(bytes("GET k"), false));
        assertThat(r.connection().upstreamReceived()).isEmpty();
        on(r, () -> r.connection().clientData(bytes("ey\n"), false));
        assertThat(seen)
                .containsSubsequence(
                        "a:data:GET k", "b:data:GET k", "a:data:GET key\n", "b:data:GET key\n");
        assertThat(text(r.connection().upstreamReceived())).isEqualTo("GET key\n");
    }

    @Test
    void shouldResumeAfterTheFilterThatCallsContinueReading() throws Exception {
        List<ConnectionCallbacks> held = new ArrayList<>();
        Run r =
                open(
                        echo(),
                        List.of(
                                cb -> {
                                    held.add(cb);
                                    return new Recording("a", cb, s -> FilterStatus.STOP_ITERATION);
                                },
                                cb -> new Recording("b", cb, s -> FilterStatus.CONTINUE)));
        on(r, () -> r.connection().clientData(bytes("x"), false));
        assertThat(seen).doesNotContain("b:data:x");
        on(r, () -> held.get(0).continueReading());
        assertThat(seen).containsSubsequence("a:data:x", "b:data:x");
        assertThat(text(r.connection().upstreamReceived())).isEqualTo("x");
    }

    @Test
    void shouldCloseLocallyWhenAFilterClosesTheConnection() throws Exception {
        Run r =
                open(
                        echo(),
                        List.of(
                                cb ->
                                        new Recording(
                                                "a",
                                                cb,
                                                s -> {
                                                    if (s.startsWith("FLUSHALL")) {
                                                        cb.close("refused");
                                                    }
                                                    return FilterStatus.CONTINUE;
                                                }),
                                cb -> new Recording("b", cb, s -> FilterStatus.CONTINUE)));
        on(r, () -> r.connection().clientData(bytes("FLUSHALL\r\n"), false));
        assertThat(seen).doesNotContain("b:data:FLUSHALL\r\n");
        assertThat(seen).contains("a:LOCAL_CLOSE", "b:LOCAL_CLOSE");
        assertThat(r.connection().closedBy()).isEqualTo("f0");
        assertThat(r.connection().upstreamReceived()).isEmpty();
    }

    @Test
    void shouldCloseWhenTheScriptedUpstreamEndsItsStream() throws Exception {
        MockTcpCluster pong =
                new MockTcpCluster("backend", new MockTcpSpec(false, List.of(bytes("Done")), true));
        Run r = open(pong, List.of(cb -> new Recording("a", cb, s -> FilterStatus.CONTINUE)));
        on(r, () -> r.connection().clientData(bytes("Fake"), false));
        assertThat(seen).contains("a:write:Done:eos");
        on(r, () -> r.connection().end());
        assertThat(seen).contains("a:LOCAL_CLOSE");
        assertThat(r.connection().closedBy()).isEqualTo("upstream");
        assertThat(text(r.connection().received())).isEqualTo("Done");
    }

    @Test
    void shouldFlagAnUpstreamThatCannotBeReached() throws Exception {
        Run r = open(null, List.of(cb -> new Recording("a", cb, s -> FilterStatus.CONTINUE)));
        assertThat(seen).containsExactly("a:new", "a:LOCAL_CLOSE", "a:destroy");
        assertThat(r.connection().info().responseFlags()).isEqualTo("UF");
        assertThat(r.connection().info().legacyResponseFlags()).isEqualTo(1L << 5);
        assertThat(r.connection().closedBy()).isEqualTo("upstream");
    }
}
