package io.filterplayground.engine.wasm;

import io.filterplayground.engine.abi.Callback;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a module can be in Envoy, read from the callbacks it exports: an HTTP filter (any {@code
 * proxy_on_request_*} or {@code proxy_on_response_*}), a network filter (any of the L4 callbacks),
 * an access logger ({@code proxy_on_log} as its only stream-level callback: Envoy calls it on the
 * root context for each finished request or connection) or a service (a root context that only
 * ticks or drains queues). Filter SDKs export {@code proxy_on_log} for the filter's own log step,
 * so a filter {@linkplain ModuleInfo#canBeAccessLogger() can be} an access logger without being one
 * by design.
 */
public enum ModuleKind {
    HTTP_FILTER("http-filter", "HTTP filter"),
    NETWORK_FILTER("network-filter", "network filter"),
    ACCESS_LOGGER("access-logger", "access logger"),
    SERVICE("service", "service");

    private static final Set<String> NETWORK =
            Set.of(
                    Callback.NEW_CONNECTION.exportName(),
                    Callback.DOWNSTREAM_DATA.exportName(),
                    Callback.UPSTREAM_DATA.exportName(),
                    Callback.DOWNSTREAM_CONNECTION_CLOSE.exportName(),
                    Callback.UPSTREAM_CONNECTION_CLOSE.exportName());

    private static final Set<String> ROOT_ONLY =
            Set.of(Callback.TICK.exportName(), Callback.QUEUE_READY.exportName());

    private final String wireName;
    private final String displayName;

    ModuleKind(String wireName, String displayName) {
        this.wireName = wireName;
        this.displayName = displayName;
    }

    /** As the JSON of {@code inspect} writes it: {@code http-filter}, {@code service}... */
    public String wireName() {
        return wireName;
    }

    public String displayName() {
        return displayName;
    }

    /** The kinds these exported callbacks make a module, in the order of this enum. */
    public static List<ModuleKind> of(Collection<String> callbacks) {
        boolean http =
                callbacks.stream()
                        .anyMatch(
                                c ->
                                        c.startsWith("proxy_on_request_")
                                                || c.startsWith("proxy_on_response_"));
        boolean network = callbacks.stream().anyMatch(NETWORK::contains);
        boolean filter = http || network;
        List<ModuleKind> out = new ArrayList<>();
        if (http) {
            out.add(HTTP_FILTER);
        }
        if (network) {
            out.add(NETWORK_FILTER);
        }
        if (!filter && callbacks.contains(Callback.LOG.exportName())) {
            out.add(ACCESS_LOGGER);
        }
        if (!filter && callbacks.stream().anyMatch(ROOT_ONLY::contains)) {
            out.add(SERVICE);
        }
        return List.copyOf(out);
    }

    /**
     * One line for people: the kinds, whether a filter can also log, and why a module that exports
     * every callback (as the Rust SDK does) cannot be told apart by its exports.
     */
    static String describe(List<ModuleKind> kinds, Collection<String> callbacks) {
        if (kinds.isEmpty()) {
            return "none: it exports no request, response, connection, log, tick or queue"
                    + " callback";
        }
        StringBuilder s = new StringBuilder();
        for (ModuleKind k : kinds) {
            s.append(s.length() == 0 ? "" : ", ").append(k.displayName);
            if (k == ACCESS_LOGGER) {
                s.append(" (proxy_on_log is its only stream-level callback)");
            } else if (k == SERVICE) {
                s.append(" (a root context: ")
                        .append(
                                String.join(
                                        ", ",
                                        callbacks.stream().filter(ROOT_ONLY::contains).toList()))
                        .append(", no stream callbacks)");
            }
        }
        boolean filter = kinds.contains(HTTP_FILTER) || kinds.contains(NETWORK_FILTER);
        if (filter && callbacks.contains(Callback.LOG.exportName())) {
            s.append("; can be an access logger (it exports proxy_on_log, as filter SDKs do)");
        }
        if (kinds.contains(HTTP_FILTER) && kinds.contains(NETWORK_FILTER)) {
            s.append(
                    "; it exports both HTTP and network callbacks, as the Rust SDK does for every"
                            + " callback, so its code and root id decide which it is");
        }
        return s.toString();
    }
}
