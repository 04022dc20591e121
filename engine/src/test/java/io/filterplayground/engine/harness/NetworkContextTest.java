package io.filterplayground.engine.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.abi.Action;
import io.filterplayground.engine.abi.PeerType;
import io.filterplayground.samples.TestModule;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The harness drives a real network filter (tcp_filter.c) callback by callback. */
class NetworkContextTest {
    private static HostHarness host(String configuration) {
        return HostHarness.builder("tcp_filter.wasm", TestModule.TCP_FILTER.wasmBytes())
                .configuration(configuration)
                .build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRunEveryNetworkCallbackAndFinishTheContext() {
        try (HostHarness host = host("")) {
            NetworkContext tcp = host.newNetworkContext();
            assertThat(tcp.onNewConnection()).isEqualTo(Action.CONTINUE);
            assertThat(tcp.onDownstreamData(bytes("PING\r\n"), false)).isEqualTo(Action.CONTINUE);
            assertThat(tcp.onUpstreamData(bytes("PONG\r\n"), true)).isEqualTo(Action.CONTINUE);
            tcp.onUpstreamConnectionClose(PeerType.UNKNOWN);
            tcp.onDownstreamConnectionClose(PeerType.REMOTE);
            tcp.complete();
            assertThat(host.logs())
                    .containsExactly(
                            "tcp: new connection",
                            "tcp: downstream 6 eos=0 PING\r\n",
                            "tcp: upstream 6 eos=1 PONG\r\n",
                            "tcp: upstream close peer=0",
                            "tcp: downstream close peer=2",
                            "tcp: done",
                            "tcp: log connection.id=1",
                            "tcp: delete");
        }
    }

    @Test
    void shouldHoldBytesWhileTheFilterPausesAndDeliverThemAgain() {
        try (HostHarness host = host("lines")) {
            NetworkContext tcp = host.newNetworkContext();
            tcp.onNewConnection();
            assertThat(tcp.onDownstreamData(bytes("GET k"), false)).isEqualTo(Action.PAUSE);
            assertThat(tcp.onDownstreamData(bytes("ey\n"), false)).isEqualTo(Action.CONTINUE);
            assertThat(host.logs()).contains("tcp: downstream 8 eos=0 GET key\n");
        }
    }

    @Test
    void shouldRewriteUpstreamBytesAndCloseOnADeniedCommand() {
        try (HostHarness host = host("upper")) {
            NetworkContext tcp = host.newNetworkContext();
            tcp.onNewConnection();
            tcp.onUpstreamData(bytes("+ok\r\n"), false);
            assertThat(new String(tcp.upstreamData(), StandardCharsets.UTF_8)).isEqualTo("+OK\r\n");
        }
        try (HostHarness host = host("deny:FLUSHALL")) {
            NetworkContext tcp = host.newNetworkContext();
            tcp.onNewConnection();
            tcp.onDownstreamData(bytes("FLUSHALL\r\n"), false);
            assertThat(tcp.closeDetails()).isEqualTo("wasm_downstream_close");
            assertThat(host.hostcalls())
                    .anySatisfy(
                            h -> {
                                assertThat(h.name()).isEqualTo("proxy_close_stream");
                                assertThat(h.result()).isEqualTo("Ok");
                            });
        }
    }
}
