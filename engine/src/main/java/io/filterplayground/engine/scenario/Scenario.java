package io.filterplayground.engine.scenario;

import io.filterplayground.engine.abi.Limits;
import io.filterplayground.engine.abi.LogLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A playground scenario (the README's "Scenario files"): workers, clock, clusters, the listener's
 * filter chain, access loggers, services, and the requests (HTTP listener) or connections (TCP
 * listener) to fire. An HTTP scenario may add a TCP listener of its own ({@code addedTcpListener}),
 * so that one run has both, as an Envoy with two listeners. Immutable; the GUI edits a copy and
 * writes it back as YAML. Built with {@link #builder(String)}, whose starting values are the
 * defaults a file may leave out.
 *
 * @param filters the listener's chain: HTTP filters for {@code listener: http}, Wasm network
 *     filters for {@code listener: tcp}
 * @param route the cluster the listener's chain ends in
 * @param addedTcpListener the {@code tcpListener:} an http scenario adds (null: none); read the TCP
 *     listener of either kind through {@link #tcpListener()}
 */
public record Scenario(
        String source,
        int workers,
        ClockMode clock,
        LogLevel logLevel,
        long seed,
        boolean canary,
        long callbackTimeoutMillis,
        int maxMemoryPages,
        int bufferLimitBytes,
        Map<String, ClusterSpec> clusters,
        String route,
        Map<String, Object> properties,
        List<FilterSpec> filters,
        List<ServiceSpec> services,
        List<Step> steps,
        Map<String, String> variables,
        Instant startTime,
        Listener listener,
        List<ConnectionSpec> connections,
        List<AccessLoggerSpec> accessLoggers,
        TcpListenerSpec addedTcpListener) {

    /** The most worker threads a scenario may ask for. */
    public static final int MAX_WORKERS = 64;

    public Scenario {
        variables = Ordered.copy(variables);
        listener = listener == null ? Listener.HTTP : listener;
        connections = connections == null ? List.of() : List.copyOf(connections);
        accessLoggers = accessLoggers == null ? List.of() : List.copyOf(accessLoggers);
    }

    /**
     * Virtual time moves only through advance steps, from {@code startTime} (null: {@code
     * VirtualClock.START_EPOCH_NANOS}); real time is the machine's.
     */
    public enum ClockMode {
        REAL,
        VIRTUAL
    }

    public static Builder builder(String source) {
        return new Builder(source);
    }

    public Builder toBuilder() {
        return new Builder(source)
                .workers(workers)
                .clock(clock)
                .logLevel(logLevel)
                .seed(seed)
                .canary(canary)
                .callbackTimeoutMillis(callbackTimeoutMillis)
                .maxMemoryPages(maxMemoryPages)
                .bufferLimitBytes(bufferLimitBytes)
                .clusters(clusters)
                .route(route)
                .properties(properties)
                .filters(filters)
                .services(services)
                .steps(steps)
                .variables(variables)
                .startTime(startTime)
                .listener(listener)
                .connections(connections)
                .accessLoggers(accessLoggers)
                .addedTcpListener(addedTcpListener);
    }

    public Scenario withFilters(List<FilterSpec> newFilters) {
        return toBuilder().filters(List.copyOf(newFilters)).build();
    }

    public Scenario withWorkers(int n) {
        return toBuilder().workers(n).build();
    }

    public Scenario withClock(ClockMode mode) {
        return toBuilder().clock(mode).build();
    }

    public Scenario withClusters(Map<String, ClusterSpec> newClusters, String newRoute) {
        return toBuilder().clusters(Map.copyOf(newClusters)).route(newRoute).build();
    }

    public Scenario withVariables(Map<String, String> newVariables) {
        return toBuilder().variables(newVariables).build();
    }

    public Scenario withSteps(List<Step> newSteps) {
        return toBuilder().steps(List.copyOf(newSteps)).build();
    }

    /** The same scenario with {@code spec} as its added TCP listener (null: none). */
    public Scenario withAddedTcpListener(TcpListenerSpec spec) {
        return toBuilder().addedTcpListener(spec).build();
    }

    /** Whether requests have a listener: the HTTP connection manager of {@code listener: http}. */
    public boolean hasHttpListener() {
        return listener == Listener.HTTP;
    }

    /** The HTTP filter chain: the top-level {@code filters} of an http scenario, else none. */
    public List<FilterSpec> httpFilters() {
        return hasHttpListener() ? filters : List.of();
    }

    /**
     * The TCP listener connections go through: for {@code listener: tcp} the top-level {@code
     * filters} and {@code route}; for an http scenario its {@code tcpListener:}, or null.
     */
    public TcpListenerSpec tcpListener() {
        return hasHttpListener() ? addedTcpListener : new TcpListenerSpec(filters, route);
    }

    /** Every filter of both chains, the HTTP one first (names are unique across them). */
    public List<FilterSpec> allFilters() {
        TcpListenerSpec tcp = tcpListener();
        if (tcp == null) {
            return httpFilters();
        }
        List<FilterSpec> all = new ArrayList<>(httpFilters());
        all.addAll(tcp.filters());
        return List.copyOf(all);
    }

    /** What replaces {@code {{name}}} in this scenario's requests. */
    public Variables expander() {
        return new Variables(variables, seed);
    }

    /**
     * The request steps, in order (the {@code requests:} list, or the requests among {@code
     * steps:}).
     */
    public List<RequestSpec> requests() {
        return steps.stream()
                .filter(s -> s instanceof Step.Send)
                .map(s -> ((Step.Send) s).request())
                .toList();
    }

    /** A scenario being put together; it starts with every default. */
    public static final class Builder {
        private final String source;
        private int workers = 1;
        private ClockMode clock = ClockMode.REAL;
        private LogLevel logLevel = LogLevel.INFO;
        private long seed = 42;
        private boolean canary = true;
        private long callbackTimeoutMillis = Limits.DEFAULT_CALLBACK_TIMEOUT_MILLIS;
        private int maxMemoryPages = Limits.DEFAULT_MAX_MEMORY_PAGES;
        private int bufferLimitBytes = Limits.DEFAULT_BUFFER_LIMIT_BYTES;
        private Map<String, ClusterSpec> clusters = Map.of();
        private String route;
        private Map<String, Object> properties = Map.of();
        private List<FilterSpec> filters = List.of();
        private List<ServiceSpec> services = List.of();
        private List<Step> steps = List.of();
        private Map<String, String> variables = Map.of();
        private Instant startTime;
        private Listener listener = Listener.HTTP;
        private List<ConnectionSpec> connections = List.of();
        private List<AccessLoggerSpec> accessLoggers = List.of();
        private TcpListenerSpec addedTcpListener;

        private Builder(String source) {
            this.source = source;
        }

        public Builder workers(int n) {
            workers = n;
            return this;
        }

        public Builder clock(ClockMode mode) {
            clock = mode;
            return this;
        }

        public Builder logLevel(LogLevel level) {
            logLevel = level;
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public Builder canary(boolean on) {
            canary = on;
            return this;
        }

        public Builder callbackTimeoutMillis(long millis) {
            callbackTimeoutMillis = millis;
            return this;
        }

        public Builder maxMemoryPages(int pages) {
            maxMemoryPages = pages;
            return this;
        }

        public Builder bufferLimitBytes(int bytes) {
            bufferLimitBytes = bytes;
            return this;
        }

        public Builder clusters(Map<String, ClusterSpec> c) {
            clusters = c;
            return this;
        }

        public Builder route(String name) {
            route = name;
            return this;
        }

        public Builder properties(Map<String, Object> p) {
            properties = p;
            return this;
        }

        public Builder filters(List<FilterSpec> f) {
            filters = f;
            return this;
        }

        public Builder services(List<ServiceSpec> s) {
            services = s;
            return this;
        }

        public Builder steps(List<Step> s) {
            steps = s;
            return this;
        }

        public Builder variables(Map<String, String> v) {
            variables = v;
            return this;
        }

        public Builder startTime(Instant t) {
            startTime = t;
            return this;
        }

        public Builder listener(Listener l) {
            listener = l;
            return this;
        }

        public Builder connections(List<ConnectionSpec> c) {
            connections = c;
            return this;
        }

        public Builder accessLoggers(List<AccessLoggerSpec> a) {
            accessLoggers = a;
            return this;
        }

        public Builder addedTcpListener(TcpListenerSpec spec) {
            addedTcpListener = spec;
            return this;
        }

        public Scenario build() {
            return new Scenario(
                    source,
                    workers,
                    clock,
                    logLevel,
                    seed,
                    canary,
                    callbackTimeoutMillis,
                    maxMemoryPages,
                    bufferLimitBytes,
                    clusters,
                    route,
                    properties,
                    filters,
                    services,
                    steps,
                    variables,
                    startTime,
                    listener,
                    connections,
                    accessLoggers,
                    addedTcpListener);
        }
    }
}
