package io.filterplayground.engine.wasm.host;

import com.dylibso.chicory.wasm.types.FunctionType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every {@code env} function the host links, by name, and what {@code inspect} says about imports.
 */
public final class HostcallCatalog {
    private static final Map<String, Hostcall> ENV;

    /** Legacy functions whose result some toolchains declare void (the 0.1.0 spec text). */
    private static final Set<String> VOID_OR_I32 =
            Set.of("proxy_continue_request", "proxy_continue_response", "proxy_clear_route_cache");

    static {
        Map<String, Hostcall> m = new LinkedHashMap<>();
        for (List<Hostcall> area :
                List.of(
                        LoggingHostcalls.all(),
                        BufferHostcalls.all(),
                        HeaderMapHostcalls.all(),
                        StreamHostcalls.all(),
                        CalloutHostcalls.all(),
                        SharedStateHostcalls.all(),
                        MetricHostcalls.all(),
                        PropertyHostcalls.all(),
                        EmscriptenHostcalls.all())) {
            for (Hostcall h : area) {
                m.put(h.name(), h);
            }
        }
        ENV = Collections.unmodifiableMap(m);
    }

    private HostcallCatalog() {}

    public static Hostcall env(String name) {
        return ENV.get(name);
    }

    public static Map<String, Hostcall> all() {
        return ENV;
    }

    /** Whether the module's declared type can be served by the host function. */
    static boolean compatible(Hostcall h, FunctionType declared) {
        if (!declared.params().equals(h.type().params())) {
            return false;
        }
        if (declared.returns().equals(h.type().returns())) {
            return true;
        }
        return VOID_OR_I32.contains(h.name()) && declared.returns().isEmpty();
    }

    /** A short, plain description of how the host serves an import. */
    public static String support(String module, String name, FunctionType declared) {
        if (module.equals("env")) {
            Hostcall h = ENV.get(name);
            if (h == null) {
                return "missing: not a Proxy-Wasm hostcall this host provides";
            }
            if (!compatible(h, declared)) {
                return "mismatch: the host provides " + describe(h.type());
            }
            return h.honoured() ? "provided" : "stub: links, answers Unimplemented";
        }
        if (WasiHost.MODULES.contains(module)) {
            return WasiHost.support(name);
        }
        return "missing: unknown import module '" + module + "'";
    }

    static String describe(FunctionType t) {
        return io.filterplayground.engine.wasm.LoadedModule.signature(t);
    }
}
