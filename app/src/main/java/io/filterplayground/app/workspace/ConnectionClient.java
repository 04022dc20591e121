package io.filterplayground.app.workspace;

import io.filterplayground.engine.ConnectionHandle;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.scenario.ConnectionStep;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * The downstream client of a connection sent from the window: it takes its steps in order, each
 * once the playground is quiet after the one before (so every filter has seen a chunk before the
 * next one comes), then has nothing more to do. A step waits for quiet at most {@link
 * #QUIET_MILLIS}: a stream stopped at a breakpoint holds the connection's worker, and the steps
 * after it simply queue on that worker until the stream goes on.
 */
final class ConnectionClient {
    static final long QUIET_MILLIS = 30_000;

    private ConnectionClient() {}

    /** Takes {@code steps} on {@code h}, on the calling thread, then ends the client's part. */
    static void play(Playground p, ConnectionHandle h, List<ConnectionStep> steps) {
        try {
            p.awaitIdle(QUIET_MILLIS);
            for (ConnectionStep step : steps) {
                if (step instanceof ConnectionStep.Send s) {
                    h.send(s.data(), s.endStream());
                } else if (step instanceof ConnectionStep.Close c) {
                    if (c.side() == ConnectionStep.Side.UPSTREAM) {
                        h.closeUpstream();
                    } else {
                        h.close();
                    }
                } else if (step instanceof ConnectionStep.Advance a) {
                    p.advance(a.millis());
                }
                p.awaitIdle(QUIET_MILLIS);
            }
            h.end();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }
}
