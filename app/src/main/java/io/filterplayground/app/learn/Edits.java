package io.filterplayground.app.learn;

import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.scenario.AccessLoggerSpec;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.WasmPlugin;
import java.util.ArrayList;
import java.util.List;

/** What an {@link Action.Edit} does to a scenario, as the chain panel's fields would. */
final class Edits {
    private Edits() {}

    static Scenario apply(Scenario s, Action.Edit e) {
        List<FilterSpec> filters = new ArrayList<>(s.filters());
        for (int i = 0; i < filters.size(); i++) {
            if (filters.get(i).name().equals(e.filter())) {
                filters.set(i, edit(filters.get(i), e));
                return s.withFilters(filters);
            }
        }
        List<AccessLoggerSpec> loggers = new ArrayList<>(s.accessLoggers());
        for (int i = 0; i < loggers.size(); i++) {
            AccessLoggerSpec l = loggers.get(i);
            if (l.name().equals(e.filter())) {
                l = l.withPlugin(plugin(l.plugin(), e));
                loggers.set(i, e.enabled() == null ? l : l.withEnabled(e.enabled()));
                return s.toBuilder().accessLoggers(loggers).build();
            }
        }
        throw new EngineException(
                "edit: the lesson's scenario has no filter named '" + e.filter() + "'");
    }

    private static FilterSpec edit(FilterSpec f, Action.Edit e) {
        FilterSpec out = e.enabled() == null ? f : f.withEnabled(e.enabled());
        if (!(out instanceof WasmFilterSpec w)) {
            if (e.vmId() != null
                    || e.configuration() != null
                    || e.vmConfiguration() != null
                    || e.failurePolicy() != null
                    || e.inject() != null
                    || e.clearInject()) {
                throw new EngineException(
                        "edit: '" + f.name() + "' is not a Wasm filter; only enabled applies");
            }
            return out;
        }
        w = w.withPlugin(plugin(w.plugin(), e));
        if (e.inject() != null) {
            w = w.withInject(e.inject());
        } else if (e.clearInject()) {
            w = w.withInject(null);
        }
        return w;
    }

    private static WasmPlugin plugin(WasmPlugin p, Action.Edit e) {
        if (e.vmId() != null) {
            p = p.withVmId(e.vmId());
        }
        if (e.configuration() != null) {
            p = p.withConfiguration(e.configuration());
        }
        if (e.vmConfiguration() != null) {
            p = p.withVmConfiguration(e.vmConfiguration());
        }
        if (e.failurePolicy() != null) {
            p = p.withFailurePolicy(e.failurePolicy());
        }
        return p;
    }
}
