package io.filterplayground.engine.upstream;

import java.util.List;

/**
 * A built-in TCP upstream: {@code echo} sends back what it receives (and ends its side when the
 * proxy ends its own); otherwise each chunk received is answered with the next of {@code replies},
 * and with {@code close} the last reply carries end of stream (the upstream half-closes).
 */
public record MockTcpSpec(boolean echo, List<byte[]> replies, boolean close) {
    public MockTcpSpec {
        replies = List.copyOf(replies);
    }

    public static MockTcpSpec echoing() {
        return new MockTcpSpec(true, List.of(), false);
    }
}
