package io.filterplayground.app.workspace;

import io.filterplayground.app.chain.ChainViewModel;
import io.filterplayground.app.chain.FilterItem;
import io.filterplayground.app.debug.BreakAt;
import io.filterplayground.app.debug.DebugViewModel;
import io.filterplayground.engine.debug.Breakpoint;
import io.filterplayground.engine.debug.Pause;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;

/**
 * Connects the debugger panel to the engine: the chain's Break choices become the engine's
 * breakpoints as they change (no restart needed), stopped streams come to the panel, and Continue
 * all clears the breakpoints.
 */
final class DebuggerLink {
    private final DebugViewModel debug = new DebugViewModel(this::clearBreakpoints);
    private final InvalidationListener breakpointsChanged = o -> updateBreakpoints();
    private final ChainViewModel chain;
    private final EngineSession session;
    private final Executor ui;

    DebuggerLink(ChainViewModel chain, EngineSession session, Executor ui) {
        this.chain = chain;
        this.session = session;
        this.ui = ui;
        chain.items().addListener(this::itemsChanged);
        chain.tcpListener().items().addListener(this::itemsChanged);
    }

    /** On an engine thread: a stream stopped; the panel shows it. */
    void onPause(Pause p) {
        ui.execute(() -> debug.add(p));
    }

    /** Breakpoints follow the chains: their filters' Break choices, and their names. */
    private void itemsChanged(ListChangeListener.Change<? extends FilterItem> c) {
        while (c.next()) {
            c.getRemoved().forEach(i -> i.breakAtProperty().removeListener(breakpointsChanged));
            c.getAddedSubList().forEach(i -> i.breakAtProperty().addListener(breakpointsChanged));
        }
        updateBreakpoints();
    }

    private void updateBreakpoints() {
        List<Breakpoint> bs = new ArrayList<>();
        for (FilterItem i : filters()) {
            BreakAt at = i.breakAtProperty().get();
            if (at != null && at != BreakAt.NONE) {
                bs.add(new Breakpoint(i.nameProperty().get().trim(), at.stage()));
            }
        }
        session.setBreakpoints(bs);
    }

    /** The filters of the chain and of the TCP listener an http scenario adds. */
    private List<FilterItem> filters() {
        List<FilterItem> all = new ArrayList<>(chain.items());
        all.addAll(chain.tcpListener().items());
        return all;
    }

    private void clearBreakpoints() {
        for (FilterItem i : filters()) {
            i.breakAtProperty().set(BreakAt.NONE);
        }
        // Pauses on their way to the window are let go too; it then ignores them.
        session.resumeStopped();
    }

    DebugViewModel debug() {
        return debug;
    }
}
