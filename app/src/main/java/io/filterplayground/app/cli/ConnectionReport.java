package io.filterplayground.app.cli;

import static io.filterplayground.app.cli.TextReport.cut;
import static io.filterplayground.app.cli.TextReport.millis;

import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.report.Escaped;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

/**
 * The connections of a tcp listener's run, as {@link TextReport} shows requests: one row each (the
 * bytes each side received, who closed it), then each one's callbacks, logs and notable events.
 */
final class ConnectionReport {
    /** What a connection's story needs besides its callbacks: the data, the closes, the pauses. */
    private static final Set<String> NOTABLE =
            Set.of("data", "upstream_failure", "close", "paused", "resumed", "note", "skipped");

    private final PrintWriter out;
    private final Glossary glossary;

    ConnectionReport(PrintWriter out, Glossary glossary) {
        this.out = out;
        this.glossary = glossary;
    }

    void print(List<RunResult.Connected> connections) {
        out.printf(
                "  %-4s %-18s %-9s %-12s %-14s %-18s %s%n",
                "#", "name", "worker", "client got", "upstream got", "closed by", "host time");
        for (RunResult.Connected connected : connections) {
            ConnectionResult c = connected.result();
            out.printf(
                    "  %-4d %-18s %-9s %-12s %-14s %-18s %s%n",
                    c.index(),
                    cut(c.name(), 18),
                    c.worker(),
                    bytes(c.received()),
                    bytes(c.upstreamReceived()),
                    cut(c.closedBy(), 18),
                    millis(c.totalNanos()));
        }
        if (connections.size() > TextReport.DETAILED) {
            return;
        }
        for (RunResult.Connected connected : connections) {
            ConnectionResult c = connected.result();
            out.printf(
                    "%n#%d %s on %s: client got %s, upstream got %s, closed by %s%n",
                    c.index(),
                    c.name(),
                    c.worker(),
                    bytes(c.received()),
                    bytes(c.upstreamReceived()),
                    c.closedBy());
            TextReport.events(out, c.events(), s -> NOTABLE.contains(s.what()), glossary);
            TextReport.filterTimes(out, c.filterNanos());
            data("client received", c.received());
            data("upstream received", c.upstreamReceived());
        }
    }

    private void data(String label, byte[] b) {
        if (b.length > 0) {
            out.printf("    %s: %s%n", label, Escaped.shortText(b, 100));
        }
    }

    private static String bytes(byte[] b) {
        return b.length + " byte(s)";
    }
}
