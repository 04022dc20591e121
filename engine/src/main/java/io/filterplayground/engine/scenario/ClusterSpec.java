package io.filterplayground.engine.scenario;

import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.upstream.MockSpec;
import io.filterplayground.engine.upstream.MockTcpSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A cluster, one of: a built-in HTTP mock ({@code mock}), a real server ({@code url}, {@code
 * http(s)://} or {@code tcp://host:port}), or a built-in TCP mock ({@code tcp}). {@code
 * replyWaitMillis} is how long a connection waits for a real TCP server's answer after a send.
 */
public record ClusterSpec(
        String name, MockSpec mock, String url, MockTcpSpec tcp, long replyWaitMillis) {

    public static final long DEFAULT_REPLY_WAIT_MILLIS = 1000;
    public static final String TCP_SCHEME = "tcp://";

    /** An HTTP cluster: a mock, or a real server's URL. */
    public ClusterSpec(String name, MockSpec mock, String url) {
        this(name, mock, url, null, DEFAULT_REPLY_WAIT_MILLIS);
    }

    /** A built-in TCP upstream. */
    public static ClusterSpec tcpMock(String name, MockTcpSpec tcp) {
        return new ClusterSpec(name, null, null, tcp, DEFAULT_REPLY_WAIT_MILLIS);
    }

    /** A real TCP server at {@code tcp://host:port}. */
    public static ClusterSpec tcpServer(String name, String url, long replyWaitMillis) {
        return new ClusterSpec(name, null, url, null, replyWaitMillis);
    }

    /** Whether the cluster takes TCP connections (a TCP mock or a {@code tcp://} server). */
    public boolean isTcp() {
        return tcp != null || isTcpUrl(url);
    }

    public static boolean isTcpUrl(String url) {
        return url != null && url.regionMatches(true, 0, TCP_SCHEME, 0, TCP_SCHEME.length());
    }

    /** The mock a scenario without clusters routes to: 200, a line of text. */
    public static ClusterSpec defaultBackend(String name) {
        return new ClusterSpec(
                name,
                new MockSpec(
                        200,
                        Headers.of("content-type", "text/plain"),
                        List.of("hello from the mock upstream\n".getBytes(StandardCharsets.UTF_8)),
                        Headers.empty(),
                        false,
                        0,
                        null),
                null);
    }

    /** The upstream a scenario without clusters routes to: an echo for a TCP listener. */
    public static ClusterSpec defaultBackend(String name, Listener listener) {
        return listener == Listener.TCP
                ? tcpMock(name, MockTcpSpec.echoing())
                : defaultBackend(name);
    }
}
