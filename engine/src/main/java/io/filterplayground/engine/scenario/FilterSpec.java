package io.filterplayground.engine.scenario;

/**
 * One filter of a chain, in one of Envoy's three ways to extend it: a Wasm plugin ({@link
 * WasmFilterSpec}), a Lua script ({@link LuaFilterSpec}) or a built-in filter ({@link
 * NativeFilterSpec}); or an imported Envoy filter the playground keeps without running it ({@link
 * PlaceholderFilterSpec}). Every filter has a unique name and can be switched off.
 */
public sealed interface FilterSpec
        permits WasmFilterSpec, LuaFilterSpec, NativeFilterSpec, PlaceholderFilterSpec {
    String name();

    boolean enabled();

    FilterSpec withName(String name);

    FilterSpec withEnabled(boolean enabled);
}
