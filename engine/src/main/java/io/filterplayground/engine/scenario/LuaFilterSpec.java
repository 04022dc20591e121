package io.filterplayground.engine.scenario;

import java.util.Map;

/**
 * A Lua filter (Envoy's {@code envoy.filters.http.lua}): its script, the {@code luaFile:} it was
 * read from (null for an inline script), and its {@code config:} map, whose {@code metadata} is
 * what {@code handle:metadata()} reads.
 */
public record LuaFilterSpec(
        String name, boolean enabled, String script, String file, Map<String, Object> config)
        implements FilterSpec {

    public LuaFilterSpec {
        config = Ordered.copy(config);
    }

    /** An enabled filter with an inline script; {@code config} holds its metadata (or is empty). */
    public static LuaFilterSpec of(String name, String script, Map<String, Object> config) {
        return new LuaFilterSpec(name, true, script, null, config);
    }

    /** As {@link #of(String, String, Map)}, remembering the {@code luaFile:} it was read from. */
    public static LuaFilterSpec of(
            String name, String script, String file, Map<String, Object> config) {
        return new LuaFilterSpec(name, true, script, file, config);
    }

    @Override
    public LuaFilterSpec withName(String n) {
        return new LuaFilterSpec(n, enabled, script, file, config);
    }

    @Override
    public LuaFilterSpec withEnabled(boolean on) {
        return new LuaFilterSpec(name, on, script, file, config);
    }

    /** An edited script: it is no longer the file's, so it is kept inline. */
    public LuaFilterSpec withScript(String text) {
        return new LuaFilterSpec(name, enabled, text, null, config);
    }

    public LuaFilterSpec withConfig(Map<String, Object> c) {
        return new LuaFilterSpec(name, enabled, script, file, c);
    }
}
