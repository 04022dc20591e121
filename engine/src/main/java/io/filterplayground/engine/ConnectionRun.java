package io.filterplayground.engine;

import io.filterplayground.engine.scenario.ConnectionSpec;
import io.filterplayground.engine.scenario.ConnectionStep;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plays one scenario connection: opens it ({@code repeat} times at once, spread over the workers),
 * takes the client's steps in order, waiting for the playground to be quiet after each, then lets
 * the client go and collects the results.
 */
public final class ConnectionRun {
    private static final long QUIET_MILLIS = 30_000;

    private ConnectionRun() {}

    public static List<RunResult.Connected> run(Playground p, ConnectionSpec spec)
            throws InterruptedException {
        List<ConnectionHandle> handles = new ArrayList<>();
        for (int i = 0; i < spec.repeat(); i++) {
            handles.add(p.connect(spec.name(), spec.worker()));
        }
        p.awaitIdle(QUIET_MILLIS);
        for (ConnectionStep step : spec.steps()) {
            if (step instanceof ConnectionStep.Advance a) {
                p.advance(a.millis());
            } else {
                for (ConnectionHandle h : handles) {
                    take(h, step);
                }
            }
            p.awaitIdle(QUIET_MILLIS);
        }
        for (ConnectionHandle h : handles) {
            h.end();
        }
        p.awaitIdle(QUIET_MILLIS);
        List<RunResult.Connected> out = new ArrayList<>();
        for (ConnectionHandle h : handles) {
            out.add(new RunResult.Connected(spec, result(h)));
        }
        return out;
    }

    private static void take(ConnectionHandle h, ConnectionStep step) {
        if (step instanceof ConnectionStep.Send s) {
            h.send(s.data(), s.endStream());
        } else if (step instanceof ConnectionStep.Close c) {
            if (c.side() == ConnectionStep.Side.DOWNSTREAM) {
                h.close();
            } else {
                h.closeUpstream();
            }
        }
    }

    private static ConnectionResult result(ConnectionHandle h) throws InterruptedException {
        try {
            return h.result().get(QUIET_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("connection " + h.id() + " did not finish", e);
        }
    }
}
