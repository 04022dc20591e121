package io.filterplayground.engine.scenario;

import java.util.Map;

/**
 * A built-in filter: its {@code kind} (one of {@code NativeFilters.KINDS}, after the Envoy filter
 * it mirrors) and its {@code config:} map, in the order the user wrote it.
 */
public record NativeFilterSpec(
        String name, boolean enabled, String kind, Map<String, Object> config)
        implements FilterSpec {

    public NativeFilterSpec {
        config = Ordered.copy(config);
    }

    public static NativeFilterSpec of(String name, String kind, Map<String, Object> config) {
        return new NativeFilterSpec(name, true, kind, config);
    }

    @Override
    public NativeFilterSpec withName(String n) {
        return new NativeFilterSpec(n, enabled, kind, config);
    }

    @Override
    public NativeFilterSpec withEnabled(boolean on) {
        return new NativeFilterSpec(name, on, kind, config);
    }

    public NativeFilterSpec withConfig(Map<String, Object> c) {
        return new NativeFilterSpec(name, enabled, kind, c);
    }
}
