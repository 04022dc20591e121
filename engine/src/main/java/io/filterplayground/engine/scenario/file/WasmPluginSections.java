package io.filterplayground.engine.scenario.file;

import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.WasmPlugin;
import io.filterplayground.engine.scenario.source.OciModules;
import io.filterplayground.engine.scenario.source.RemoteModules;
import io.filterplayground.engine.util.Sha256;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The keys of a Wasm plugin, which filters and services share: the module ({@code wasm:} and its
 * {@code sha256:}), {@code rootId}, {@code vmId}, {@code configuration}, {@code vmConfiguration},
 * {@code environment} and (filters only) {@code failurePolicy}.
 */
final class WasmPluginSections {
    private WasmPluginSections() {}

    static final ModuleSection MODULE = new ModuleSection();
    static final Key<WasmPlugin, String> ROOT_ID =
            Key.of("rootId", Values.SCALAR, WasmPlugin::rootId, "");
    static final Key<WasmPlugin, String> VM_ID =
            Key.of("vmId", Values.SCALAR, WasmPlugin::vmId, "");
    static final Key<WasmPlugin, String> CONFIGURATION =
            Key.of("configuration", Values.CONFIGURATION, WasmPlugin::configuration, "");
    static final Key<WasmPlugin, String> VM_CONFIGURATION =
            Key.of("vmConfiguration", Values.CONFIGURATION, WasmPlugin::vmConfiguration, "");
    static final Key<WasmPlugin, Map<String, String>> ENVIRONMENT =
            Key.of("environment", Values.STRING_MAP, WasmPlugin::environment, Map.of());
    static final Key<WasmPlugin, FailurePolicy> FAILURE_POLICY =
            Key.of(
                    "failurePolicy",
                    Value.of(
                            (n, at, r) -> {
                                try {
                                    return FailurePolicy.parse(n.asText());
                                } catch (IllegalArgumentException e) {
                                    throw r.error(at, e.getMessage());
                                }
                            },
                            FailurePolicy::displayName),
                    WasmPlugin::failurePolicy,
                    FailurePolicy.FAIL_CLOSED);

    /** Every key of a plugin, in the order a plugin of its own (an access logger) lists them. */
    static final Sections<WasmPlugin> PLUGIN =
            Sections.of(
                    MODULE,
                    ROOT_ID,
                    VM_ID,
                    CONFIGURATION,
                    VM_CONFIGURATION,
                    FAILURE_POLICY,
                    ENVIRONMENT);

    /** The plugin the keys read (those an owner does not have keep their defaults). */
    static WasmPlugin build(Draft d) {
        return new WasmPlugin(
                d.get(MODULE),
                d.get(ROOT_ID),
                d.get(VM_ID),
                d.get(CONFIGURATION),
                d.get(VM_CONFIGURATION),
                d.get(ENVIRONMENT),
                d.get(FAILURE_POLICY));
    }

    /**
     * A plugin entry as read: its keys, the plugin they make, its name (by default its module's).
     */
    record Entry(Draft draft, WasmPlugin plugin, String name) {}

    /**
     * A map of {@code keys} that must name a module ({@code owner} says whose: "a service"), read
     * after refusing unknown keys; {@code name} is its name key.
     */
    static Entry readWithModule(Fields f, Sections<?> keys, Key<?, String> name, String owner) {
        f.requireMap("must be a map with wasm:").allow(keys.keys());
        if (!f.has(ModuleSection.WASM)) {
            throw f.error(ModuleSection.WASM, owner + " needs a module");
        }
        Draft d = new Draft();
        keys.read(f, d);
        WasmPlugin plugin = build(d);
        return new Entry(d, plugin, d.getOr(name, defaultName(plugin.module())));
    }

    /** The file name without its extension: a filter or service named after its module. */
    static String defaultName(ModuleSource module) {
        String name = module.name();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * {@code wasm:} a path, a scheme reference, an {@code http(s)://} URL or an {@code oci://}
     * image; {@code sha256:} the digest it must have, required for a URL as Envoy requires it for a
     * remote source.
     */
    static final class ModuleSection implements Section<WasmPlugin>, Slot<ModuleSource> {
        static final String WASM = "wasm";
        static final String SHA256 = "sha256";

        @Override
        public ModuleSource absent() {
            return null;
        }

        @Override
        public List<String> keys() {
            return List.of(WASM, SHA256);
        }

        @Override
        public void read(Fields in, Draft into) {
            String ref = in.read(WASM, Values.TEXT);
            String pinned = null;
            if (in.has(SHA256)) {
                pinned = in.read(SHA256, Values.TEXT).trim().toLowerCase(Locale.ROOT);
                if (!pinned.matches("[0-9a-f]{64}")) {
                    throw in.error(SHA256, "must be 64 hex digits (a SHA-256 digest)");
                }
            }
            byte[] bytes;
            if (ModuleSource.isRemote(ref)) {
                try {
                    bytes = RemoteModules.fetch(ref, pinned);
                } catch (IOException e) {
                    throw in.error(WASM, "cannot fetch " + ref + ": " + e.getMessage());
                }
            } else if (ModuleSource.isOci(ref)) {
                try {
                    bytes = OciModules.fetch(ref);
                } catch (IOException e) {
                    throw in.error(WASM, "cannot pull " + ref + ": " + e.getMessage());
                }
            } else {
                bytes = in.reading().read(ref, in.path(WASM));
            }
            String actual = Sha256.hex(bytes);
            if (pinned == null && ModuleSource.isRemote(ref)) {
                throw in.error(
                        SHA256,
                        "a module fetched over HTTP needs its digest (Envoy requires sha256 for a"
                                + " remote source); "
                                + ref
                                + " has sha256 "
                                + actual);
            }
            if (pinned != null && !pinned.equals(actual)) {
                throw in.error(
                        SHA256,
                        "the module at " + ref + " has sha256 " + actual + ", not " + pinned);
            }
            into.put(this, new ModuleSource(ref, displayName(ref, in.reading()), bytes, pinned));
        }

        private static String displayName(String ref, Reading r) {
            return ModuleSource.isRemote(ref) || ModuleSource.isOci(ref)
                    ? RemoteModules.nameOf(ref)
                    : r.resolver().displayName(ref);
        }

        @Override
        public void write(WasmPlugin p, Map<String, Object> out, UnaryOperator<String> refs) {
            out.put(WASM, refs.apply(p.module().ref()));
            if (p.module().sha256() != null) {
                out.put(SHA256, p.module().sha256());
            }
        }
    }
}
