package io.filterplayground.engine.report.envoy;

import static io.filterplayground.engine.report.envoy.ExportYaml.F;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.WasmPlugin;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * A plugin as Envoy's {@code envoy.extensions.wasm.v3.PluginConfig}, for Wasm filters and services
 * alike: {@code root_id}, {@code vm_config} (vm_id, runtime, code, configuration, environment),
 * {@code configuration} and {@code failure_policy}.
 */
final class WasmPluginConfig {
    private static final String STRING_VALUE = "type.googleapis.com/google.protobuf.StringValue";

    private WasmPluginConfig() {}

    /** {@code notes} gets what Envoy cannot do with the plugin as the playground runs it. */
    static ObjectNode of(String name, WasmPlugin p, String moduleDir, List<String> notes) {
        if (p.module().oci()) {
            // Envoy reads files and http(s) sources, not registries.
            notes.add(
                    "Envoy cannot pull "
                            + p.module().ref()
                            + ": put the module at "
                            + moduleDir
                            + "/"
                            + p.module().name());
        }
        ObjectNode c = F.objectNode();
        c.put("name", name);
        c.put("root_id", p.rootId());
        ObjectNode vm = c.putObject("vm_config");
        vm.put("vm_id", p.vmId());
        vm.put("runtime", "envoy.wasm.runtime.v8");
        vm.set("code", code(p.module(), moduleDir));
        if (!p.vmConfiguration().isEmpty()) {
            vm.putObject("configuration")
                    .put("@type", STRING_VALUE)
                    .put("value", p.vmConfiguration());
        }
        if (!p.environment().isEmpty()) {
            ObjectNode kv = vm.putObject("environment_variables").putObject("key_values");
            p.environment().forEach(kv::put);
        }
        if (!p.configuration().isEmpty()) {
            c.putObject("configuration").put("@type", STRING_VALUE).put("value", p.configuration());
        }
        c.put(
                "failure_policy",
                switch (p.failurePolicy()) {
                    case FAIL_CLOSED -> "FAIL_CLOSED";
                    case FAIL_OPEN -> "FAIL_OPEN";
                    case FAIL_RELOAD -> "FAIL_RELOAD";
                });
        return c;
    }

    /** A Wasm filter's plugin (HTTP or network): its inject: has no Envoy equivalent. */
    static ObjectNode filter(WasmFilterSpec w, String moduleDir, List<String> notes) {
        if (w.inject() != null) {
            notes.add(
                    w.name()
                            + ": its inject: (a trap at "
                            + w.inject().callbackName()
                            + ") is the playground's own; Envoy has no such thing, so it"
                            + " is left out");
        }
        return of(w.name(), w.plugin(), moduleDir, notes);
    }

    /**
     * A module's data source: a local file under {@code moduleDir}, or Envoy's {@code remote}
     * source (the URL, its sha256, and a cluster to fetch it through, see {@link
     * EnvoyClusters#fetchClusterName}).
     */
    private static ObjectNode code(ModuleSource m, String moduleDir) {
        ObjectNode code = F.objectNode();
        if (!m.remote()) {
            code.putObject("local").put("filename", moduleDir + "/" + m.name());
            return code;
        }
        ObjectNode remote = code.putObject("remote");
        ObjectNode uri = remote.putObject("http_uri");
        uri.put("uri", m.ref());
        uri.put("cluster", EnvoyClusters.fetchClusterName(HttpUrl.get(m.ref())));
        uri.put("timeout", "10s");
        remote.put("sha256", m.sha256());
        return code;
    }
}
