package io.filterplayground.app.cli;

import static io.filterplayground.app.cli.CommandLineTest.exec;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.cli.CommandLineTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on a tcp listener: real network filters (tcp_filter.c) and an access logger
 * (access_log.c) through the real engine, with mock TCP upstreams on loopback.
 */
class TcpCommandLineTest {
    @TempDir Path dir;

    /** A tcp scenario: the tcp_filter with {@code config}, the access logger, these connections. */
    private Path scenario(String name, String config, String cluster, String connections)
            throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(
                file,
                """
                listener: tcp
                clock: virtual
                workers: 2
                clusters:
                  up: %s
                route: up
                filters:
                  - {name: tcp, wasm: "sample:testdata/tcp_filter", configuration: "%s"}
                accessLoggers:
                  - {name: access, wasm: "sample:testdata/access_log"}
                connections:
                %s
                """
                        .formatted(cluster, config, connections.indent(2)));
        return file;
    }

    private static final String PONG = "{tcp: {replies: [\"PONG\\r\\n\"], close: true}}";

    @Test
    void shouldPrintOneRowPerConnectionAndEachConnectionsStory() throws Exception {
        Path s =
                scenario(
                        "ping.yaml",
                        "",
                        PONG,
                        """
                        - name: ping
                          worker: 0
                          steps: [{send: "PING\\r\\n"}]
                        - name: hangs-up
                          worker: 1
                          steps: [{send: "hi"}, {close: downstream}]
                        """);

        Result r = exec("run", s.toString());

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("2 worker(s), virtual clock")
                .contains("2 connection(s)")
                .containsPattern(
                        "  0 +ping +worker-0 +6 byte\\(s\\) +6 byte\\(s\\) +upstream +[0-9.]+ ms")
                .containsPattern(
                        "  1 +hangs-up +worker-1 +6 byte\\(s\\) +2 byte\\(s\\) +downstream")
                .contains(
                        "#0 ping on worker-0: client got 6 byte(s), upstream got 6 byte(s),"
                                + " closed by upstream")
                .containsPattern("tcp +proxy_on_downstream_data +Continue +\\d+ us")
                .contains("[info] tcp: downstream 6 eos=0 PING\\r\\n")
                .contains("~ data           downstream: 6 byte(s) from the client")
                .contains("~ close          local close by upstream")
                .contains("~ close          remote close by downstream")
                // The access logger's proxy_on_log belongs to the connection it logs.
                .containsPattern("access +proxy_on_log")
                .contains("[info] access: tcp connection")
                .containsPattern("time in filters \\(host\\): tcp \\d+ us")
                .contains("    client received: PONG\\r\\n")
                .contains("    upstream received: PING\\r\\n")
                .contains("    upstream received: hi\n")
                .doesNotContain("request(s)");
    }
}
