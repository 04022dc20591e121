package io.filterplayground.engine.scenario.file;

import io.filterplayground.engine.scenario.AccessLoggerSpec;
import io.filterplayground.engine.scenario.ConnectionExpectation;
import io.filterplayground.engine.scenario.FaultSpec;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.Listener;
import io.filterplayground.engine.scenario.PlaceholderFilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.Step;
import io.filterplayground.engine.scenario.Variables;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the keys of a scenario must agree on, beyond each key's own value: a tcp listener runs
 * connections through Wasm network filters, an http listener requests, and an http scenario's
 * {@code tcpListener:} adds a TCP listener for connections; a fault targets a callback its chain's
 * streams get; filters of both chains and access loggers have names of their own; requests use
 * defined variables; a connection's {@code closedBy} names a side or a filter.
 */
final class ScenarioRules {
    private ScenarioRules() {}

    /** {@code top} is the file's top-level map, where messages point. */
    static void check(Scenario s, Fields top) {
        listenerTakes(s, top);
        faultsFit(s, top);
        names(s, top);
        closedBy(s, top);
        variables(s, top);
    }

    /** One filter chain: where its filters are in the file, and the kind of listener it is on. */
    private record Chain(String at, List<FilterSpec> filters, Listener kind) {}

    private static List<Chain> chains(Scenario s) {
        List<Chain> out = new ArrayList<>();
        out.add(new Chain("filters", s.filters(), s.listener()));
        if (s.addedTcpListener() != null) {
            out.add(
                    new Chain(
                            TcpListenerSections.KEY + ".filters",
                            s.addedTcpListener().filters(),
                            Listener.TCP));
        }
        return out;
    }

    private static void listenerTakes(Scenario s, Fields top) {
        boolean tcp = s.listener() == Listener.TCP;
        if (tcp && s.addedTcpListener() != null) {
            throw top.error(
                    TcpListenerSections.KEY,
                    "adds a TCP listener beside the http one; with listener: tcp, the top-level"
                            + " filters: and route: are the TCP listener's");
        }
        if (tcp && !s.steps().isEmpty()) {
            throw top.error(
                    top.has("steps") ? "steps" : "requests",
                    "a tcp listener runs connections:, not requests (or say listener: http)");
        }
        if (s.tcpListener() == null && !s.connections().isEmpty()) {
            throw top.error(
                    "connections",
                    "connections need a TCP listener: say listener: tcp, or add a tcpListener:"
                            + " beside the http one");
        }
        for (Chain c : chains(s)) {
            for (int i = 0; c.kind() == Listener.TCP && i < c.filters().size(); i++) {
                FilterSpec f = c.filters().get(i);
                if (!(f instanceof WasmFilterSpec) && !(f instanceof PlaceholderFilterSpec)) {
                    throw top.error(
                            c.at() + "[" + i + "]",
                            "a tcp listener takes Wasm network filters; lua/native filters are"
                                    + " HTTP filters");
                }
            }
        }
    }

    private static void faultsFit(Scenario s, Fields top) {
        for (Chain c : chains(s)) {
            for (int i = 0; i < c.filters().size(); i++) {
                if (c.filters().get(i) instanceof WasmFilterSpec w && w.inject() != null) {
                    faultFits(w.inject(), c.kind(), c.at() + "[" + i + "].inject.callback", top);
                }
            }
        }
    }

    private static void faultFits(FaultSpec fault, Listener chain, String at, Fields top) {
        Listener of = FaultSpec.listenerOf(fault.callback());
        if (of != null && of != chain) {
            String other = of == Listener.TCP ? "an HTTP filter" : "a network filter";
            throw top.error(
                    at,
                    fault.callbackName()
                            + " is called on "
                            + (of == Listener.TCP ? "TCP connections" : "HTTP streams")
                            + " (listener: "
                            + of.name().toLowerCase(Locale.ROOT)
                            + "); "
                            + other
                            + " gets "
                            + String.join(", ", streamCallbacks(chain)));
        }
    }

    /** The short names of the stream callbacks a filter of {@code listener} gets. */
    private static List<String> streamCallbacks(Listener listener) {
        return FaultSpec.TARGETS.stream()
                .filter(c -> FaultSpec.listenerOf(c) == listener)
                .map(FaultSpec::shortName)
                .toList();
    }

    /**
     * A trace tells filters and loggers apart by name (a logger's events carry its name where a
     * filter's carry the filter's): names are unique across both chains and the loggers.
     */
    private static void names(Scenario s, Fields top) {
        List<String> names = new ArrayList<>(s.filters().stream().map(FilterSpec::name).toList());
        List<FilterSpec> tcp =
                s.addedTcpListener() == null ? List.of() : s.addedTcpListener().filters();
        for (int i = 0; i < tcp.size(); i++) {
            if (names.contains(tcp.get(i).name())) {
                throw top.error(
                        TcpListenerSections.KEY + ".filters[" + i + "].name",
                        "an HTTP filter is already named '"
                                + tcp.get(i).name()
                                + "' (names must be unique across both listeners)");
            }
            names.add(tcp.get(i).name());
        }
        for (int i = 0; i < s.accessLoggers().size(); i++) {
            AccessLoggerSpec a = s.accessLoggers().get(i);
            if (names.contains(a.name())) {
                throw top.error(
                        "accessLoggers[" + i + "].name",
                        "another filter or access logger is already named '"
                                + a.name()
                                + "' (names must be unique)");
            }
            names.add(a.name());
        }
    }

    private static void closedBy(Scenario s, Fields top) {
        List<String> filters =
                s.tcpListener() == null
                        ? List.of()
                        : s.tcpListener().filters().stream().map(FilterSpec::name).toList();
        for (int i = 0; i < s.connections().size(); i++) {
            ConnectionExpectation e = s.connections().get(i).expect();
            String by = e == null ? null : e.closedBy();
            if (by != null
                    && !by.equals("downstream")
                    && !by.equals("upstream")
                    && !filters.contains(by)) {
                throw top.error(
                        "connections[" + i + "].expect.closedBy",
                        "'"
                                + by
                                + "' is not downstream, upstream or a filter's name (filters: "
                                + filters
                                + ")");
            }
        }
    }

    /** Every {@code {{name}}} a request uses must be a variable or a built-in. */
    private static void variables(Scenario s, Fields top) {
        Variables expander = s.expander();
        int n = 0;
        for (Step st : s.steps()) {
            if (st instanceof Step.Send send) {
                List<String> undefined = expander.undefined(send.request().request());
                if (!undefined.isEmpty()) {
                    throw top.error(
                            "requests[" + n + "]",
                            "{{"
                                    + undefined.get(0)
                                    + "}} is not defined (variables: "
                                    + s.variables().keySet()
                                    + "; built in: $i, $uuid)");
                }
                n++;
            }
        }
    }
}
