package io.filterplayground.engine.scenario.file;

import static io.filterplayground.engine.scenario.file.WasmPluginSections.MODULE;

import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.scenario.FaultSpec;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.scenario.PlaceholderFilterSpec;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.WasmPlugin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * {@code filters:}, a chain in order: the scenario's, or its {@code tcpListener:}'s ({@code M}).
 * Each filter is one style, told by its keys: {@code wasm:}, {@code lua:} / {@code luaFile:} or
 * {@code native:}, or an imported Envoy filter kept without being run ({@code placeholder:} its
 * type URL, with {@code reason:} and its {@code config:}); each has a unique {@code name} (by
 * default its module's, its native kind, or {@code lua}) and may be switched off. Which styles a
 * chain takes is a rule of the scenario.
 */
final class FilterSections<M> implements Section<M>, Slot<List<FilterSpec>> {
    private static final String KEY = "filters";

    private static final Key<FilterSpec, String> NAME = Key.named(FilterSpec::name);
    private static final Key<FilterSpec, Boolean> ENABLED =
            Key.of("enabled", Values.BOOL, FilterSpec::enabled, true);

    private static final Key<WasmFilterSpec, Long> RELOAD_BACKOFF =
            Key.of(
                    "reloadBackoff",
                    Values.DURATION,
                    WasmFilterSpec::reloadBackoffMillis,
                    WasmFilterSpec.DEFAULT_RELOAD_BACKOFF_MILLIS);
    private static final Key<WasmFilterSpec, Boolean> ALLOW_STOP =
            Key.of(
                    "allowOnHeadersStopIteration",
                    Values.BOOL,
                    WasmFilterSpec::allowOnHeadersStopIteration,
                    false);
    private static final Key<FaultSpec, Callback> CALLBACK =
            Key.of(
                            "callback",
                            Value.<Callback>of(
                                    (n, at, r) -> {
                                        try {
                                            return FaultSpec.callbackNamed(
                                                    Values.TEXT.read(n, at, r));
                                        } catch (IllegalArgumentException e) {
                                            throw r.error(at, e.getMessage());
                                        }
                                    },
                                    FaultSpec::shortName),
                            FaultSpec::callback,
                            null)
                    .always()
                    .required("name the callback that traps (request_headers, tick...)");
    private static final Key<FaultSpec, Integer> CALL =
            Key.of("call", Values.whole(1, 1_000_000_000), FaultSpec::call, 1).always();

    /** {@code inject: {callback: request_headers, call: 2}}: a trap at that call. */
    private static final Key<WasmFilterSpec, FaultSpec> INJECT =
            Key.of(
                    "inject",
                    Values.map(
                            Sections.of(CALLBACK, CALL),
                            d -> new FaultSpec(d.get(CALLBACK), d.get(CALL)),
                            "must be a map: {callback: request_headers, call: 1}"),
                    WasmFilterSpec::inject,
                    null);

    private static final Sections<WasmFilterSpec> WASM =
            Sections.of(
                    MODULE.on(WasmFilterSpec::plugin),
                    WasmPluginSections.ROOT_ID.on(WasmFilterSpec::plugin),
                    WasmPluginSections.VM_ID.on(WasmFilterSpec::plugin),
                    WasmPluginSections.CONFIGURATION.on(WasmFilterSpec::plugin),
                    WasmPluginSections.VM_CONFIGURATION.on(WasmFilterSpec::plugin),
                    WasmPluginSections.FAILURE_POLICY.on(WasmFilterSpec::plugin),
                    RELOAD_BACKOFF,
                    ALLOW_STOP,
                    WasmPluginSections.ENVIRONMENT.on(WasmFilterSpec::plugin),
                    INJECT);

    private static final LuaSource LUA_SOURCE = new LuaSource();

    /** A Lua filter's metadata map, or a native filter's settings. */
    private static final Key<Map<String, Object>, Map<String, Object>> CONFIG =
            Key.of("config", Values.OBJECT_MAP, m -> m, Map.of());

    private static final Sections<LuaFilterSpec> LUA =
            Sections.of(LUA_SOURCE, CONFIG.on(LuaFilterSpec::config));
    private static final Key<NativeFilterSpec, String> KIND =
            Key.of("native", Values.TEXT, NativeFilterSpec::kind, null).always();
    private static final Sections<NativeFilterSpec> NATIVE =
            Sections.of(KIND, CONFIG.on(NativeFilterSpec::config));

    /** {@code placeholder:} the Envoy type URL of a filter kept without being run. */
    private static final Key<PlaceholderFilterSpec, String> TYPE_URL =
            Key.of("placeholder", Values.SCALAR, PlaceholderFilterSpec::typeUrl, null).always();

    private static final Key<PlaceholderFilterSpec, String> REASON =
            Key.of("reason", Values.SCALAR, PlaceholderFilterSpec::reason, "");
    private static final Sections<PlaceholderFilterSpec> PLACEHOLDER =
            Sections.of(TYPE_URL, REASON, CONFIG.on(PlaceholderFilterSpec::config));

    /** Every key of a filter, in the order the unknown-field message has always listed them. */
    private static final List<String> KEYS =
            Stream.of(
                            NAME.keys(),
                            WASM.keys(),
                            ENABLED.keys(),
                            LUA_SOURCE.keys(),
                            KIND.keys(),
                            CONFIG.keys(),
                            PLACEHOLDER.keys())
                    .flatMap(List::stream)
                    .distinct()
                    .toList();

    private final Function<M, List<FilterSpec>> get;

    FilterSections(Function<M, List<FilterSpec>> get) {
        this.get = get;
    }

    @Override
    public List<FilterSpec> absent() {
        return List.of();
    }

    @Override
    public List<String> keys() {
        return List.of(KEY);
    }

    @Override
    public void read(Fields in, Draft into) {
        List<FilterSpec> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Fields f : in.list(KEY, "must be a list of filters")) {
            FilterSpec spec =
                    filter(f.requireMap("must be a map with wasm:, lua:, luaFile: or native:"));
            if (!names.add(spec.name())) {
                throw f.error(
                        NAME.name(),
                        "another filter is already named '"
                                + spec.name()
                                + "' (names must be unique)");
            }
            out.add(spec);
        }
        into.put(this, List.copyOf(out));
    }

    private static FilterSpec filter(Fields f) {
        f.allow(KEYS);
        boolean wasm = f.has(WasmPluginSections.ModuleSection.WASM);
        boolean lua = f.has(LuaSource.INLINE) || f.has(LuaSource.FILE);
        boolean nativeKind = f.has(KIND.name());
        boolean placeholder = f.has(TYPE_URL.name());
        if ((wasm ? 1 : 0) + (lua ? 1 : 0) + (nativeKind ? 1 : 0) + (placeholder ? 1 : 0) != 1) {
            throw f.error("give exactly one of wasm:, lua: / luaFile:, native:, placeholder:");
        }
        if (f.has(REASON.name()) && !placeholder) {
            throw f.error(REASON.name(), "only a placeholder: says why it is not run");
        }
        if (f.has(WasmPluginSections.ModuleSection.SHA256) && !wasm) {
            throw f.error(
                    WasmPluginSections.ModuleSection.SHA256,
                    "only a wasm: module has a digest to check");
        }
        if (f.has(INJECT.name()) && !wasm) {
            throw f.error(INJECT.name(), "faults are injected into wasm: filters only");
        }
        Draft d = new Draft();
        ENABLED.read(f, d);
        boolean enabled = d.get(ENABLED);
        if (wasm) {
            WASM.read(f, d);
            NAME.read(f, d);
            WasmPlugin plugin = WasmPluginSections.build(d);
            return new WasmFilterSpec(
                    d.getOr(NAME, WasmPluginSections.defaultName(plugin.module())),
                    enabled,
                    plugin,
                    d.get(RELOAD_BACKOFF),
                    d.get(ALLOW_STOP),
                    d.get(INJECT));
        }
        if (nativeKind) {
            NATIVE.read(f, d);
            NAME.read(f, d);
            return new NativeFilterSpec(
                    d.getOr(NAME, d.get(KIND)), enabled, d.get(KIND), d.get(CONFIG));
        }
        if (placeholder) {
            PLACEHOLDER.read(f, d);
            NAME.read(f, d);
            return new PlaceholderFilterSpec(
                    d.getOr(NAME, "placeholder"),
                    enabled,
                    d.get(TYPE_URL),
                    d.get(CONFIG),
                    d.get(REASON));
        }
        LUA.read(f, d);
        NAME.read(f, d);
        return new LuaFilterSpec(
                d.getOr(NAME, "lua"),
                enabled,
                d.get(LuaSource.SCRIPT),
                d.get(LuaSource.FILE_REF),
                d.get(CONFIG));
    }

    @Override
    public void write(M model, Map<String, Object> out, UnaryOperator<String> refs) {
        List<Object> filters = new ArrayList<>();
        for (FilterSpec f : get.apply(model)) {
            Map<String, Object> m = new LinkedHashMap<>();
            NAME.write(f, m, refs);
            ENABLED.write(f, m, refs);
            if (f instanceof WasmFilterSpec w) {
                WASM.write(w, m, refs);
            } else if (f instanceof LuaFilterSpec l) {
                LUA.write(l, m, refs);
            } else if (f instanceof NativeFilterSpec nf) {
                NATIVE.write(nf, m, refs);
            } else if (f instanceof PlaceholderFilterSpec p) {
                PLACEHOLDER.write(p, m, refs);
            }
            filters.add(m);
        }
        out.put(KEY, filters);
    }

    /** {@code lua:} an inline script, or {@code luaFile:} a script next to the scenario. */
    private static final class LuaSource implements Section<LuaFilterSpec> {
        static final String INLINE = "lua";
        static final String FILE = "luaFile";
        static final Slot<String> SCRIPT = Slot.of(null);
        static final Slot<String> FILE_REF = Slot.of(null);

        @Override
        public List<String> keys() {
            return List.of(INLINE, FILE);
        }

        @Override
        public void read(Fields in, Draft into) {
            if (in.has(INLINE) && in.has(FILE)) {
                throw in.error("give lua: or luaFile:, not both");
            }
            if (in.has(FILE)) {
                String file = in.read(FILE, Values.TEXT);
                into.put(FILE_REF, file);
                byte[] script = in.reading().read(file, in.path(FILE));
                into.put(SCRIPT, new String(script, StandardCharsets.UTF_8));
            } else {
                into.put(SCRIPT, in.read(INLINE, Values.TEXT));
            }
        }

        @Override
        public void write(LuaFilterSpec l, Map<String, Object> out, UnaryOperator<String> refs) {
            if (l.file() != null) {
                out.put(FILE, refs.apply(l.file()));
            } else {
                out.put(INLINE, l.script());
            }
        }
    }
}
