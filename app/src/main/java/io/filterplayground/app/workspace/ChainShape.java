package io.filterplayground.app.workspace;

import io.filterplayground.app.chain.FilterItem;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.scenario.AccessLoggerSpec;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.TcpListenerSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lanes the timeline shows, per listener: the HTTP chain's filter names in order for a request,
 * the TCP listener's for a connection, each followed by the access loggers (style {@code logger});
 * and every one's style.
 */
record ChainShape(
        Playground playground, List<String> http, List<String> tcp, Map<String, String> styles) {
    static final ChainShape NONE = new ChainShape(null, List.of(), List.of(), Map.of());

    static ChainShape of(Playground p) {
        return p == null ? NONE : of(p.scenario(), p);
    }

    /** The lanes of {@code s} (run by {@code p}, or headless when null). */
    static ChainShape of(Scenario s, Playground p) {
        Map<String, String> styles = new HashMap<>();
        List<String> loggers = new ArrayList<>();
        for (AccessLoggerSpec a : s.accessLoggers()) {
            if (a.enabled()) {
                loggers.add(a.name());
                styles.put(a.name(), FilterItem.LOGGER);
            }
        }
        TcpListenerSpec tcp = s.tcpListener();
        return new ChainShape(
                p,
                lanes(s.httpFilters(), loggers, styles),
                lanes(tcp == null ? List.of() : tcp.filters(), loggers, styles),
                Map.copyOf(styles));
    }

    private static List<String> lanes(
            List<FilterSpec> filters, List<String> loggers, Map<String, String> styles) {
        List<String> names = new ArrayList<>();
        for (FilterSpec f : filters) {
            if (f.enabled()) {
                names.add(f.name());
                styles.put(f.name(), FilterItem.styleOf(f));
            }
        }
        names.addAll(loggers);
        return List.copyOf(names);
    }

    /** The lanes of a connection's trace, or of a request's. */
    List<String> names(boolean connection) {
        return connection ? tcp : http;
    }
}
