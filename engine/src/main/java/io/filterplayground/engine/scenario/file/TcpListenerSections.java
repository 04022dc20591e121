package io.filterplayground.engine.scenario.file;

import io.filterplayground.engine.scenario.ClusterSpec;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.TcpListenerSpec;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code tcpListener:}, the TCP listener an http scenario adds beside its HTTP one: its {@code
 * route:}, a TCP cluster (by default the first), and its {@code filters:}, as a {@code listener:
 * tcp} scenario's top level has them. Read after {@code clusters:}, which its route names.
 */
final class TcpListenerSections implements Section<Scenario>, Slot<TcpListenerSpec> {
    static final String KEY = "tcpListener";

    private static final Key<TcpListenerSpec, String> ROUTE =
            Key.of("route", Values.TEXT, TcpListenerSpec::route, null).always();
    private static final FilterSections<TcpListenerSpec> FILTERS =
            new FilterSections<>(TcpListenerSpec::filters);
    private static final Sections<TcpListenerSpec> LISTENER = Sections.of(ROUTE, FILTERS);

    @Override
    public TcpListenerSpec absent() {
        return null;
    }

    @Override
    public List<String> keys() {
        return List.of(KEY);
    }

    @Override
    public void read(Fields in, Draft into) {
        if (!in.has(KEY)) {
            return;
        }
        Fields f =
                new Fields(in.get(KEY), in.path(KEY), in.reading())
                        .requireMap("must be a map (route, filters)");
        List<FilterSpec> filters = LISTENER.readMap(f).get(FILTERS);
        Map<String, ClusterSpec> clusters = into.get(ClusterSections.CLUSTERS);
        String route = ClusterSections.routeOrFirst(f, clusters, true);
        if (route == null) {
            throw f.error(
                    ROUTE.name(),
                    "no TCP cluster to proxy to; add one to clusters: (tcp: or url:"
                            + " tcp://host:port)");
        }
        ClusterSections.checkRoute(f, clusters, route, true);
        into.put(this, new TcpListenerSpec(filters, route));
    }

    @Override
    public void write(Scenario s, Map<String, Object> out, UnaryOperator<String> refs) {
        if (s.addedTcpListener() != null) {
            out.put(KEY, LISTENER.toMap(s.addedTcpListener(), refs));
        }
    }
}
