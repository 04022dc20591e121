package io.filterplayground.engine.lua;

import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.filter.ChainFilter;
import io.filterplayground.engine.filter.HttpFilterFactory;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * <p>Configuration ({@code config:}): {@code metadata:} is what {@code handle:metadata()} reads
 * (Envoy: the route's {@code filter_metadata} for this filter).
 */
public final class LuaChainFilter implements ChainFilter {
    /** Handle methods that may suspend the script: it then needs a coroutine of its own. */
    static final Set<String> YIELDING = Set.of("body", "httpCall", "bodyChunks", "trailers");

    private final String name;
    private final String chunkName;
    private final String module;
    private final HostEnvironment env;
    private final Prototype prototype;
    private final Map<String, Object> metadata;
    private final boolean coroutines;

    public LuaChainFilter(LuaFilterSpec spec, HostEnvironment env) {
        this.name = spec.name();
        this.chunkName = spec.name();
        this.module = spec.file() != null ? fileName(spec.file()) : "inline Lua";
        this.env = env;
        this.metadata = metadata(spec);
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(LuaFilterSpec spec) {
        Map<String, Object> config = spec.config() == null ? Map.of() : spec.config();
        for (String key : config.keySet()) {
            if (!key.equals("metadata")) {
                throw new FilterStartException(
                        spec.name()
                                + ": config."
                                + key
                                + " is not a field of a Lua filter (fields: metadata)");
            }
        }
        Object m = config.get("metadata");
        if (m == null) {
            return Map.of();
        }
        if (!(m instanceof Map)) {
            throw new FilterStartException(
                    spec.name() + ": config.metadata must be a map of key: value");
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) m));
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

    Map<String, Object> metadata() {
        return metadata;
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
