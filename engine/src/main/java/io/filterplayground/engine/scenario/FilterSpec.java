package io.filterplayground.engine.scenario;

import java.util.Map;

/**
 * One filter of the chain, in any of Envoy's three styles: a Wasm module ({@code wasm}), a Lua
 * script ({@code lua} / {@code luaFile}), or a built-in native filter ({@code native} + {@code
 * config}). Configurations keep the text the user wrote. {@code nativeConfig} is the {@code
 * config:} map of a native filter, or of a Lua filter (its {@code metadata:}).
 */
public record FilterSpec(
        String name,
        Kind kind,
        boolean enabled,
        ModuleSource wasm,
        String rootId,
        String vmId,
        String configuration,
        String vmConfiguration,
        FailurePolicy failurePolicy,
        long reloadBackoffMillis,
        boolean allowOnHeadersStopIteration,
        Map<String, String> environment,
        String lua,
        String luaFile,
        String nativeKind,
        Map<String, Object> nativeConfig,
        FaultSpec inject) {

    /** Envoy's three ways to extend the proxy. */
    public enum Kind {
        WASM,
        LUA,
        NATIVE
    }

    public static FilterSpec wasm(
            String name, ModuleSource module, String rootId, String configuration) {
        return new FilterSpec(
                name,
                Kind.WASM,
                true,
                module,
                rootId,
                "",
                configuration,
                "",
                FailurePolicy.FAIL_CLOSED,
                1000,
                false,
                Map.of(),
                null,
                null,
                null,
                Map.of(),
                null);
    }

    /**
     * A Lua filter with an inline script; {@code config} holds its {@code metadata:} (or is empty).
     */
    public static FilterSpec lua(String name, String script, Map<String, Object> config) {
        return lua(name, script, null, config);
    }

    /** As {@link #lua(String, String, Map)}, remembering the {@code luaFile:} it was read from. */
    public static FilterSpec lua(
            String name, String script, String luaFile, Map<String, Object> config) {
        return new FilterSpec(
                name,
                Kind.LUA,
                true,
                null,
                "",
                "",
                "",
                "",
                FailurePolicy.FAIL_CLOSED,
                1000,
                false,
                Map.of(),
                script,
                luaFile,
                null,
                ordered(config),
                null);
    }

    /** A built-in filter of {@code kind} (one of {@code NativeFilters.KINDS}) with its config. */
    public static FilterSpec nativeFilter(String name, String kind, Map<String, Object> config) {
        return new FilterSpec(
                name,
                Kind.NATIVE,
                true,
                null,
                "",
                "",
                "",
                "",
                FailurePolicy.FAIL_CLOSED,
                1000,
                false,
                Map.of(),
                null,
                null,
                kind,
                ordered(config),
                null);
    }

    /** An unmodifiable copy that keeps the key order (and null values) the user wrote. */
    private static Map<String, Object> ordered(Map<String, Object> config) {
        return config == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }

    /** The same filter with a fault injected (null: none). */
    public FilterSpec withInject(FaultSpec fault) {
        return new FilterSpec(
                name,
                kind,
                enabled,
                wasm,
                rootId,
                vmId,
                configuration,
                vmConfiguration,
                failurePolicy,
                reloadBackoffMillis,
                allowOnHeadersStopIteration,
                environment,
                lua,
                luaFile,
                nativeKind,
                nativeConfig,
                fault);
    }

    public FilterSpec withEnabled(boolean on) {
        return new FilterSpec(
                name,
                kind,
                on,
                wasm,
                rootId,
                vmId,
                configuration,
                vmConfiguration,
                failurePolicy,
                reloadBackoffMillis,
                allowOnHeadersStopIteration,
                environment,
                lua,
                luaFile,
                nativeKind,
                nativeConfig,
                inject);
    }

    public FilterSpec withConfiguration(String text) {
        return new FilterSpec(
                name,
                kind,
                enabled,
                wasm,
                rootId,
                vmId,
                text,
                vmConfiguration,
                failurePolicy,
                reloadBackoffMillis,
                allowOnHeadersStopIteration,
                environment,
                lua,
                luaFile,
                nativeKind,
                nativeConfig,
                inject);
    }

    public FilterSpec withVmConfiguration(String text) {
        return new FilterSpec(
                name,
                kind,
                enabled,
                wasm,
                rootId,
                vmId,
                configuration,
                text,
                failurePolicy,
                reloadBackoffMillis,
                allowOnHeadersStopIteration,
                environment,
                lua,
                luaFile,
                nativeKind,
                nativeConfig,
                inject);
    }

    public FilterSpec withIds(String newRootId, String newVmId) {
        return new FilterSpec(
                name,
                kind,
                enabled,
                wasm,
                newRootId,
                newVmId,
                configuration,
                vmConfiguration,
                failurePolicy,
                reloadBackoffMillis,
                allowOnHeadersStopIteration,
                environment,
                lua,
                luaFile,
                nativeKind,
                nativeConfig,
                inject);
    }

    public FilterSpec withFailurePolicy(FailurePolicy p) {
        return new FilterSpec(
                name,
                kind,
                enabled,
                wasm,
                rootId,
                vmId,
                configuration,
                vmConfiguration,
                p,
                reloadBackoffMillis,
                allowOnHeadersStopIteration,
                environment,
                lua,
                luaFile,
                nativeKind,
                nativeConfig,
                inject);
    }

    public FilterSpec withName(String newName) {
        return new FilterSpec(
                newName,
                kind,
                enabled,
                wasm,
                rootId,
                vmId,
                configuration,
                vmConfiguration,
                failurePolicy,
                reloadBackoffMillis,
                allowOnHeadersStopIteration,
                environment,
                lua,
                luaFile,
                nativeKind,
                nativeConfig,
                inject);
    }

    public FilterSpec withLua(String script) {
        return new FilterSpec(
                name,
                kind,
                enabled,
                wasm,
                rootId,
                vmId,
                configuration,
                vmConfiguration,
                failurePolicy,
                reloadBackoffMillis,
                allowOnHeadersStopIteration,
                environment,
                script,
                null,
                nativeKind,
                nativeConfig,
                inject);
    }

    public FilterSpec withNativeConfig(Map<String, Object> config) {
        return new FilterSpec(
                name,
                kind,
                enabled,
                wasm,
                rootId,
                vmId,
                configuration,
                vmConfiguration,
                failurePolicy,
                reloadBackoffMillis,
                allowOnHeadersStopIteration,
                environment,
                lua,
                luaFile,
                nativeKind,
                ordered(config),
                inject);
    }
}
