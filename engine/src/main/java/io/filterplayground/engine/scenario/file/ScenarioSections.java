package io.filterplayground.engine.scenario.file;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.scenario.AccessLoggerSpec;
import io.filterplayground.engine.scenario.ConnectionSpec;
import io.filterplayground.engine.scenario.Listener;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.ServiceSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The top level of a scenario file: one section per key, in the file's order. */
final class ScenarioSections {
    private ScenarioSections() {}

    /** What a key left out reads as: the model's defaults. */
    private static final Scenario DEFAULTS = Scenario.builder("").build();

    static final Key<Scenario, Integer> WORKERS =
            Key.of(
                            "workers",
                            Values.whole(1, Scenario.MAX_WORKERS),
                            Scenario::workers,
                            DEFAULTS.workers())
                    .always();
    static final Key<Scenario, Scenario.ClockMode> CLOCK =
            Key.of(
                    "clock",
                    Value.of(
                            (n, at, r) ->
                                    switch (n.asText().trim().toLowerCase(Locale.ROOT)) {
                                        case "real" -> Scenario.ClockMode.REAL;
                                        case "virtual" -> Scenario.ClockMode.VIRTUAL;
                                        default ->
                                                throw r.error(
                                                        at,
                                                        "unknown clock '"
                                                                + n.asText()
                                                                + "' (real or virtual)");
                                    },
                            c -> c.name().toLowerCase(Locale.ROOT)),
                    Scenario::clock,
                    DEFAULTS.clock());

    /**
     * The virtual clock's wall-clock start, an ISO-8601 instant ({@code 2026-01-01T00:00:00Z},
     * offsets allowed). Nanoseconds since the epoch must fit a signed 64-bit value, as Envoy's and
     * WASI's clocks are read.
     */
    static final Key<Scenario, Instant> START_TIME =
            Key.of(
                    "startTime",
                    Value.of(
                            (n, at, r) -> {
                                Instant t;
                                try {
                                    t = OffsetDateTime.parse(n.asText().trim()).toInstant();
                                } catch (DateTimeParseException e) {
                                    throw r.error(
                                            at,
                                            "'"
                                                    + n.asText()
                                                    + "' is not an ISO-8601 date and time (e.g."
                                                    + " 2026-01-01T00:00:00Z)");
                                }
                                if (t.isBefore(Instant.ofEpochSecond(1))
                                        || t.isAfter(
                                                Instant.ofEpochSecond(
                                                        Long.MAX_VALUE / 1_000_000_000L - 1))) {
                                    throw r.error(at, "must lie between 1970 and 2262");
                                }
                                return t;
                            },
                            Instant::toString),
                    Scenario::startTime,
                    null);

    static final Key<Scenario, LogLevel> LOG_LEVEL =
            Key.of(
                    "logLevel",
                    Value.of(
                            (n, at, r) -> {
                                try {
                                    return LogLevel.parse(n.asText());
                                } catch (IllegalArgumentException e) {
                                    throw r.error(at, e.getMessage());
                                }
                            },
                            LogLevel::displayName),
                    Scenario::logLevel,
                    DEFAULTS.logLevel());
    static final Key<Scenario, Long> SEED =
            Key.of("seed", Values.LONG, Scenario::seed, DEFAULTS.seed());
    static final Key<Scenario, Boolean> CANARY =
            Key.of("canary", Values.BOOL, Scenario::canary, DEFAULTS.canary());
    static final Key<Scenario, Long> CALLBACK_TIMEOUT =
            Key.of(
                    "callbackTimeout",
                    Values.DURATION,
                    Scenario::callbackTimeoutMillis,
                    DEFAULTS.callbackTimeoutMillis());
    static final Key<Scenario, Integer> MAX_MEMORY_PAGES =
            Key.of(
                    "maxMemoryPages",
                    Values.whole(1, 65536),
                    Scenario::maxMemoryPages,
                    DEFAULTS.maxMemoryPages());
    static final Key<Scenario, Integer> BUFFER_LIMIT =
            Key.of(
                    "bufferLimit",
                    Values.whole(1, Integer.MAX_VALUE),
                    Scenario::bufferLimitBytes,
                    DEFAULTS.bufferLimitBytes());
    static final Key<Scenario, Listener> LISTENER =
            Key.of(
                    "listener",
                    Value.of(
                            (n, at, r) ->
                                    switch (n.asText().trim().toLowerCase(Locale.ROOT)) {
                                        case "http" -> Listener.HTTP;
                                        case "tcp" -> Listener.TCP;
                                        default ->
                                                throw r.error(
                                                        at,
                                                        "unknown listener '"
                                                                + n.asText()
                                                                + "' (http or tcp)");
                                    },
                            l -> l.name().toLowerCase(Locale.ROOT)),
                    Scenario::listener,
                    DEFAULTS.listener());
    static final Key<Scenario, Map<String, Object>> PROPERTIES =
            Key.of("properties", Values.OBJECT_MAP, Scenario::properties, Map.of());
    static final Key<Scenario, Map<String, String>> VARIABLES =
            Key.of("variables", Values.STRING_MAP, Scenario::variables, Map.of());
    static final ClusterSections CLUSTERS = new ClusterSections();
    static final FilterSections<Scenario> FILTERS = new FilterSections<>(Scenario::filters);
    static final TcpListenerSections TCP_LISTENER = new TcpListenerSections();
    static final ListSection<AccessLoggerSpec> ACCESS_LOGGERS = AccessLoggerSections.ACCESS_LOGGERS;
    static final ListSection<ServiceSpec> SERVICES = ServiceSections.SERVICES;
    static final StepSections STEPS = new StepSections();
    static final ListSection<ConnectionSpec> CONNECTIONS = ConnectionSections.CONNECTIONS;

    /** {@code name:} and {@code description:} say what a scenario is for; nothing reads them. */
    static final Section<Scenario> ABOUT =
            new Section<>() {
                @Override
                public List<String> keys() {
                    return List.of("name", "description");
                }

                @Override
                public void read(Fields in, Draft into) {}

                @Override
                public void write(Scenario s, Map<String, Object> out, UnaryOperator<String> r) {}
            };

    static final Sections<Scenario> TOP =
            Sections.of(
                            WORKERS,
                            CLOCK,
                            START_TIME,
                            LOG_LEVEL,
                            SEED,
                            CANARY,
                            CALLBACK_TIMEOUT,
                            MAX_MEMORY_PAGES,
                            BUFFER_LIMIT,
                            LISTENER,
                            CLUSTERS,
                            PROPERTIES,
                            VARIABLES,
                            FILTERS,
                            TCP_LISTENER,
                            ACCESS_LOGGERS,
                            SERVICES,
                            STEPS,
                            CONNECTIONS,
                            ABOUT)
                    .writing(VARIABLES, PROPERTIES);

    static Scenario build(String source, Draft d) {
        return Scenario.builder(source)
                .workers(d.get(WORKERS))
                .clock(d.get(CLOCK))
                .startTime(d.get(START_TIME))
                .logLevel(d.get(LOG_LEVEL))
                .seed(d.get(SEED))
                .canary(d.get(CANARY))
                .callbackTimeoutMillis(d.get(CALLBACK_TIMEOUT))
                .maxMemoryPages(d.get(MAX_MEMORY_PAGES))
                .bufferLimitBytes(d.get(BUFFER_LIMIT))
                .clusters(d.get(ClusterSections.CLUSTERS))
                .route(d.get(ClusterSections.ROUTE))
                .properties(d.get(PROPERTIES))
                .filters(d.get(FILTERS))
                .services(d.get(SERVICES))
                .steps(d.get(StepSections.STEPS))
                .variables(d.get(VARIABLES))
                .listener(d.get(LISTENER))
                .connections(d.get(CONNECTIONS))
                .accessLoggers(d.get(ACCESS_LOGGERS))
                .addedTcpListener(d.get(TCP_LISTENER))
                .build();
    }
}
