package io.filterplayground.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.ConnectionHandle;
import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceSink;
import io.filterplayground.samples.SampleModule;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The redis-inspector sample (a Rust network filter) through the real engine: its own scenario
 * against the mock Redis, and a real RESP server on loopback ({@link MiniRedis}).
 */
class RedisInspectorTest {
    private static final String PONG = "+PONG (via redis-inspector)\r\n";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static long metric(RunResult r, String name) {
        return r.snapshot().metrics().stream()
                .filter(m -> m.name().equals("wasmcustom." + name))
                .mapToLong(m -> m.value())
                .findFirst()
                .orElse(-1);
    }

    private static boolean held(ConnectionResult c, String side) {
        return c.events().stream()
                .anyMatch(
                        e ->
                                e instanceof StreamEvent s
                                        && s.what().equals("paused")
                                        && "redis-inspector".equals(s.filter())
                                        && s.detail().contains(side + " byte(s) held"));
    }

    @Test
    void shouldCountEveryCommandAndHoldASplitOneUntilItIsWhole() {
        RunResult r = Fixtures.run(Fixtures.sample(SampleModule.REDIS_INSPECTOR, "scenario.yaml"));

        // 5 commands on the first connection, GET and the refused FLUSHALL on the second.
        assertThat(metric(r, "redis_commands_total")).isEqualTo(7);
        assertThat(metric(r, "redis_commands.ping")).isEqualTo(3);
        assertThat(metric(r, "redis_commands.get")).isEqualTo(2);
        assertThat(metric(r, "redis_commands.flushall")).isEqualTo(1);
        assertThat(metric(r, "redis_refused_total")).isEqualTo(1);
        assertThat(metric(r, "redis_replies_rewritten_total")).isEqualTo(3);
        ConnectionResult first = r.connections().get(0).result();
        assertThat(held(first, "downstream")).isTrue();
        // The split GET reached the upstream in one piece.
        assertThat(text(first.upstreamReceived())).contains("*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n");
    }

    private static Playground redisPlayground(int port) {
        return Playground.start(
                Fixtures.yaml(
                        """
                        listener: tcp
                        clusters:
                          redis: {url: "tcp://127.0.0.1:%d"}
                        route: redis
                        filters:
                          - name: redis-inspector
                            wasm: redis-inspector/redis_inspector.wasm
                            configuration: {rewrite: {PONG: "PONG (via redis-inspector)"}}
                        """
                                .formatted(port)),
                new Playground.Options(Machine.COMPILED, TraceDetail.FULL),
                TraceSink.NONE);
    }

    @Test
    void shouldRewriteRepliesThatArriveInPiecesFromARealServer() throws Exception {
        try (MiniRedis redis = new MiniRedis(true);
                Playground p = redisPlayground(redis.port())) {
            ConnectionHandle c = p.connect("real", null);
            c.send(bytes("PING\r\n"), false);
            c.send(bytes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$"), false);
            c.send(bytes("3\r\nbar\r\n"), false);
            c.send(bytes("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"), false);
            c.send(bytes("*1\r\n$4\r\nPING\r\n"), true); // the client half-closes with it

            ConnectionResult r = c.result().get(20, TimeUnit.SECONDS);

            assertThat(text(r.received())).isEqualTo(PONG + "+OK\r\n$3\r\nbar\r\n" + PONG);
            assertThat(redis.commands()).containsExactly("PING", "SET", "GET", "PING");
            // Each simple string came in two TCP reads: the first part was held.
            assertThat(held(r, "upstream")).isTrue();
            assertThat(held(r, "downstream")).isTrue();
        }
    }

    @Test
    void shouldCloseTheConnectionBeforeARealServerSeesFlushall() throws Exception {
        try (MiniRedis redis = new MiniRedis(false);
                Playground p = redisPlayground(redis.port())) {
            ConnectionHandle c = p.connect("flush", null);
            c.send(bytes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n"), false);
            p.awaitIdle(10_000); // the server answered SET
            c.send(bytes("*1\r\n$8\r\nflushall\r\n"), false);

            ConnectionResult r = c.result().get(20, TimeUnit.SECONDS);

            assertThat(r.closedBy()).isEqualTo("redis-inspector");
            assertThat(text(r.received())).isEqualTo("+OK\r\n");
            assertThat(redis.commands()).containsExactly("SET");
        }
    }
}
