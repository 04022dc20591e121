package io.filterplayground.engine.report;

import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.scenario.ConnectionExpectation;
import io.filterplayground.engine.trace.LogEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Checks a TCP connection's {@code expect} block: bytes each side got, logs, who closed. */
final class ConnectionExpectations {
    private ConnectionExpectations() {}

    static List<String> check(ConnectionExpectation e, ConnectionResult c, List<LogEvent> allLogs) {
        List<String> f = new ArrayList<>();
        if (e.received() != null && !Arrays.equals(e.received(), c.received())) {
            f.add(
                    "expected the client to receive "
                            + show(e.received())
                            + ", got "
                            + show(c.received()));
        }
        if (e.upstreamReceived() != null
                && !Arrays.equals(e.upstreamReceived(), c.upstreamReceived())) {
            f.add(
                    "expected the upstream to receive "
                            + show(e.upstreamReceived())
                            + ", got "
                            + show(c.upstreamReceived()));
        }
        if (e.closedBy() != null && !e.closedBy().equals(c.closedBy())) {
            f.add("expected the connection closed by " + e.closedBy() + ", got " + c.closedBy());
        }
        if (e.logContains() != null) {
            for (String needle : e.logContains()) {
                if (!Expectations.logged(c.events(), allLogs, needle)) {
                    f.add("expected a log line containing '" + needle + "'");
                }
            }
        }
        return f;
    }

    /** Bytes as quoted text, control and non-UTF-8 bytes escaped. */
    private static String show(byte[] b) {
        return "'" + Escaped.shortText(b, 80) + "'";
    }
}
