package io.filterplayground.engine.scenario.envoy;

import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.scenario.PlaceholderFilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.WasmPlugin;
import io.filterplayground.engine.scenario.file.ScenarioWriter;
import io.filterplayground.engine.util.Sha256;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a trip through Envoy's configuration must keep of a scenario, as comparable values: each
 * chain's filters in order (name, on/off, style and configuration; a module by its bytes and file
 * name, not by where the scenario found it), services, access loggers, clusters and routes.
 */
final class Chains {
    private Chains() {}

    /**
     * {@code s} as Envoy can have it, which the export's notes say: no injected faults, no
     * allowOnHeadersStopIteration, a reload back-off of at least 1ms, a local rate limit's bucket
     * shared by the workers.
     */
    static Map<String, Object> afterEnvoy(Scenario s) {
        Map<String, Object> m = of(s);
        for (Object chain : List.of(m.get("http"), m.get("tcp"))) {
            for (Object f : (List<?>) chain) {
                @SuppressWarnings("unchecked")
                Map<String, Object> filter = (Map<String, Object>) f;
                if ("local-rate-limit".equals(filter.get("native"))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> config =
                            new LinkedHashMap<>((Map<String, Object>) filter.get("config"));
                    config.put("per_worker", false);
                    filter.put("config", config);
                }
            }
        }
        return m;
    }

    static Map<String, Object> of(Scenario s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("listener", s.listener());
        m.put("http", filters(s.httpFilters()));
        m.put("tcp", s.tcpListener() == null ? List.of() : filters(s.tcpListener().filters()));
        m.put("route", s.route());
        m.put("tcpRoute", s.tcpListener() == null ? null : s.tcpListener().route());
        m.put("clusters", ScenarioWriter.toMap(s, UnaryOperator.identity()).get("clusters"));
        List<Object> services = new ArrayList<>();
        s.services()
                .forEach(
                        svc ->
                                services.add(
                                        List.of(
                                                svc.name(),
                                                svc.singleton(),
                                                plugin(svc.plugin()))));
        m.put("services", services);
        List<Object> loggers = new ArrayList<>();
        s.accessLoggers().stream()
                .filter(a -> a.enabled())
                .forEach(a -> loggers.add(List.of(a.name(), plugin(a.plugin()))));
        m.put("accessLoggers", loggers);
        return m;
    }

    private static List<Object> filters(List<FilterSpec> chain) {
        List<Object> out = new ArrayList<>();
        for (FilterSpec f : chain) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("enabled", f.enabled());
            if (f instanceof WasmFilterSpec w) {
                m.put("wasm", plugin(w.plugin()));
                m.put(
                        "reloadBackoff",
                        w.plugin().failurePolicy()
                                        == io.filterplayground.engine.scenario.FailurePolicy
                                                .FAIL_RELOAD
                                ? Math.max(1, w.reloadBackoffMillis())
                                : 0);
            } else if (f instanceof LuaFilterSpec l) {
                m.put("lua", l.script());
                m.put("config", l.config());
            } else if (f instanceof NativeFilterSpec n) {
                m.put("native", n.kind());
                m.put("config", n.config());
            } else if (f instanceof PlaceholderFilterSpec p) {
                m.put("placeholder", p.typeUrl());
                m.put("config", p.config());
            }
            out.add(m);
        }
        return out;
    }

    private static List<Object> plugin(WasmPlugin p) {
        return List.of(
                p.module().name(),
                Sha256.hex(p.module().bytes()),
                p.rootId(),
                p.vmId(),
                p.configuration(),
                p.vmConfiguration(),
                p.environment(),
                p.failurePolicy());
    }
}
