package io.filterplayground.engine.scenario.file;

import io.filterplayground.engine.scenario.AccessLoggerSpec;
import io.filterplayground.engine.scenario.Scenario;

/**
 * {@code accessLoggers:}, the Wasm access loggers, with either listener: a plugin each (the keys of
 * a Wasm filter's plugin), named after its module unless {@code name:} says otherwise, and switched
 * off with {@code enabled: false}.
 */
final class AccessLoggerSections {
    private AccessLoggerSections() {}

    private static final Key<AccessLoggerSpec, String> NAME = Key.named(AccessLoggerSpec::name);
    private static final Key<AccessLoggerSpec, Boolean> ENABLED =
            Key.of("enabled", Values.BOOL, AccessLoggerSpec::enabled, true);
    private static final Section<AccessLoggerSpec> PLUGIN =
            WasmPluginSections.PLUGIN.on(AccessLoggerSpec::plugin);
    private static final Sections<AccessLoggerSpec> LOGGER =
            Sections.of(NAME, PLUGIN, ENABLED).writing(ENABLED, PLUGIN);

    static final ListSection<AccessLoggerSpec> ACCESS_LOGGERS =
            new ListSection<>(
                    "accessLoggers",
                    "must be a list of access loggers",
                    Scenario::accessLoggers,
                    AccessLoggerSections::logger,
                    LOGGER);

    private static AccessLoggerSpec logger(Fields f, int index) {
        WasmPluginSections.Entry e =
                WasmPluginSections.readWithModule(f, LOGGER, NAME, "an access logger");
        return new AccessLoggerSpec(e.name(), e.draft().get(ENABLED), e.plugin());
    }
}
