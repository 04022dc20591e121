package io.filterplayground.engine.lua;

import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.filter.ChainFilter;
import io.filterplayground.engine.filter.HttpFilterFactory;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.state.Properties;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

/**
 * A Lua filter of the chain ({@code lua:} inline or {@code luaFile:}), Envoy's second extension
 * style. The script is compiled once when the scenario starts (a syntax error stops the scenario
 * with the line), run once on the starting thread as a canary (a script that fails while loading is
 * rejected, as Envoy rejects it), then each worker gets its own Lua state, as in Envoy: globals set
 * by one worker's requests are invisible to the others.
 *
 * <p>Configuration ({@code config:}): {@code metadata:} is the route's {@code filter_metadata} for
 * this filter, what {@code handle:metadata()} and {@code handle:route():metadata()} read; {@code
 * filter_context:} is Envoy's {@code filter_context}, what {@code handle:filterContext()} reads.
 * Without {@code metadata:}, the route's and the virtual host's metadata come from the scenario's
 * {@code properties:}, under Envoy's attribute names {@code xds.route_metadata} and {@code
 * xds.virtual_host_metadata} ({@code filter_metadata: {<filter name>: {...}}}).
 */
public final class LuaChainFilter implements ChainFilter {
    /** Handle methods that may suspend the script: it then needs a coroutine of its own. */
    static final Set<String> YIELDING = Set.of("body", "httpCall", "bodyChunks", "trailers");

    private final String name;
    private final String chunkName;
    private final String module;
    private final HostEnvironment env;
    private final Prototype prototype;
    private final Map<String, Object> routeMetadata;
    private final Map<String, Object> metadata;
    private final Map<String, Object> virtualHostMetadata;
    private final Map<String, Object> filterContext;
    private final boolean coroutines;

    public LuaChainFilter(LuaFilterSpec spec, HostEnvironment env) {
        this.name = spec.name();
        this.chunkName = spec.name();
        this.module = spec.file() != null ? fileName(spec.file()) : "inline Lua";
        this.env = env;
        Map<String, Object> config = spec.config() == null ? Map.of() : spec.config();
        for (String key : config.keySet()) {
            if (!key.equals("metadata") && !key.equals("filter_context")) {
                throw new FilterStartException(
                        name
                                + ": config."
                                + key
                                + " is not a field of a Lua filter (fields: filter_context,"
                                + " metadata)");
            }
        }
        this.filterContext = map(config.get("filter_context"), "config.filter_context");
        this.routeMetadata =
                config.containsKey("metadata")
                        ? map(config.get("metadata"), "config.metadata")
                        : filterMetadata("route_metadata", name);
        // Envoy's handle:metadata() falls back on the filter's well-known name.
        this.metadata =
                routeMetadata.isEmpty() && !config.containsKey("metadata")
                        ? filterMetadata("route_metadata", "envoy.filters.http.lua")
                        : routeMetadata;
        this.virtualHostMetadata = filterMetadata("virtual_host_metadata", name);
        String script = spec.script() == null ? "" : spec.script();
        try {
            this.prototype =
                    LuaC.instance.compile(
                            new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
                            chunkName);
        } catch (LuaError e) {
            throw new FilterStartException(name + ": " + LuaErrors.syntax(e.getMessage()));
        } catch (java.io.IOException | RuntimeException e) {
            throw new FilterStartException(name + ": " + LuaErrors.syntax(String.valueOf(e)));
        }
        this.coroutines = mentionsAny(prototype, YIELDING);
        // Envoy loads the code on the main thread too before the workers: a script that fails
        // while loading (or has no handler of the right type) rejects the configuration.
        new LuaState(this, null);
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash >= 0 ? path.substring(slash + 1) : path;
    }

    /** {@code xds.<attribute>.filter_metadata.<filter>} of the scenario's properties. */
    private Map<String, Object> filterMetadata(String attribute, String filter) {
        List<String> path = List.of("xds", attribute, "filter_metadata", filter);
        Object v = env.properties().lookup(path);
        return v == Properties.MISSING ? Map.of() : map(v, "properties " + String.join(".", path));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object v, String what) {
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw new FilterStartException(name + ": " + what + " must be a map of key: value");
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) v));
    }

    /** Whether any function of the chunk names one of {@code names} as a constant. */
    static boolean mentionsAny(Prototype p, Set<String> names) {
        if (p.k != null) {
            for (LuaValue k : p.k) {
                if (k.isstring() && !k.isnumber() && names.contains(k.tojstring())) {
                    return true;
                }
            }
        }
        if (p.p != null) {
            for (Prototype child : p.p) {
                if (mentionsAny(child, names)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    String chunkName() {
        return chunkName;
    }

    String module() {
        return module;
    }

    HostEnvironment env() {
        return env;
    }

    /** What {@code handle:metadata()} reads. */
    Map<String, Object> metadata() {
        return metadata;
    }

    /** The route's {@code filter_metadata} for this filter. */
    Map<String, Object> routeMetadata() {
        return routeMetadata;
    }

    /** The virtual host's {@code filter_metadata} for this filter. */
    Map<String, Object> virtualHostMetadata() {
        return virtualHostMetadata;
    }

    /** Envoy's {@code filter_context} of the Lua filter. */
    Map<String, Object> filterContext() {
        return filterContext;
    }

    /**
     * Whether handlers run as coroutines. Envoy runs every handler as one; LuaJ makes a Java thread
     * for each coroutine, so a script that never names a method that can suspend it (body,
     * httpCall...) runs its handlers directly on the worker, with the same results.
     */
    boolean coroutines() {
        return coroutines;
    }

    LuaValue instantiate(Globals globals) {
        try {
            return globals.loader.load(prototype, chunkName, globals);
        } catch (java.io.IOException e) {
            throw new FilterStartException(name + ": cannot load the compiled script: " + e);
        }
    }

    @Override
    public void start(Worker worker) {
        worker.local(this, () -> new LuaState(this, worker));
    }

    @Override
    public HttpFilterFactory factory(Worker worker) {
        LuaState state = worker.localOrNull(this);
        return callbacks -> state.newStream(callbacks);
    }
}
