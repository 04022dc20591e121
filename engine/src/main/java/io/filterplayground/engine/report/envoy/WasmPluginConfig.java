package io.filterplayground.engine.report.envoy;

import static io.filterplayground.engine.report.envoy.ExportYaml.F;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.WasmPlugin;
import io.filterplayground.engine.scenario.envoy.EnvoyTypes;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * A plugin as Envoy's {@code envoy.extensions.wasm.v3.PluginConfig}, for Wasm filters and services
 * alike: {@code root_id}, {@code vm_config} (vm_id, runtime, code, configuration, environment),
 * {@code configuration} and {@code failure_policy}.
 */
final class WasmPluginConfig {
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
                    .put("@type", EnvoyTypes.STRING_VALUE)
                    .put("value", p.vmConfiguration());
        }
        if (!p.environment().isEmpty()) {
            ObjectNode kv = vm.putObject("environment_variables").putObject("key_values");
            p.environment().forEach(kv::put);
        }
        if (!p.configuration().isEmpty()) {
            c.putObject("configuration")
                    .put("@type", EnvoyTypes.STRING_VALUE)
                    .put("value", p.configuration());
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

    /**
     * A Wasm filter's plugin (HTTP or network), with its reload back-off under {@code failReload}
     * (Envoy's {@code reload_config}); its {@code inject:} has no Envoy equivalent.
     */
    static ObjectNode filter(WasmFilterSpec w, String moduleDir, List<String> notes) {
        ObjectNode c = of(w.name(), w.plugin(), moduleDir, notes);
        long backoff = w.reloadBackoffMillis();
        if (w.plugin().failurePolicy() == FailurePolicy.FAIL_RELOAD
                && backoff != WasmFilterSpec.DEFAULT_RELOAD_BACKOFF_MILLIS) {
            if (backoff < 1) {
                notes.add(w.name() + ": Envoy's shortest reload back-off is 1ms, not 0ms");
            }
            c.putObject("reload_config")
                    .putObject("backoff")
                    .put("base_interval", seconds(Math.max(1, backoff)));
        }
        if (w.allowOnHeadersStopIteration()) {
            notes.add(
                    w.name()
                            + ": allowOnHeadersStopIteration is not in the Envoy API this export"
                            + " is checked against, so it is left out");
        }
        if (w.inject() != null) {
            notes.add(
                    w.name()
                            + ": its inject: (a trap at "
                            + w.inject().callbackName()
                            + ") is the playground's own; Envoy has no such thing, so it"
                            + " is left out");
        }
        return c;
    }

    /** Milliseconds as a protobuf Duration in JSON ({@code 0.250s}). */
    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%d.%03ds", millis / 1000, millis % 1000);
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
