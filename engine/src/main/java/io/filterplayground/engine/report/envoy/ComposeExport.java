package io.filterplayground.engine.report.envoy;

import static io.filterplayground.engine.report.envoy.ExportYaml.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What running the chain in real Envoy with Docker needs, in one folder: {@code envoy.yaml} (the
 * bootstrap, modules under {@code /etc/envoy/wasm}), the modules in {@code wasm/} (those fetched
 * over HTTP are fetched by Envoy itself), and {@code compose.yaml} with Envoy's image at the
 * version of the API the export is checked against, the two mounts and the listener ports.
 */
public final class ComposeExport {
    /** Envoy's release whose v3 API the export's schema test parses with. */
    public static final String ENVOY_IMAGE = "envoyproxy/envoy:v1.34.4";

    static final String MODULE_DIR = "/etc/envoy/wasm";

    private ComposeExport() {}

    /** Writes the three into {@code dir} (created if needed); returns the files written. */
    public static List<Path> write(Scenario s, Path dir) {
        List<Path> written = new ArrayList<>();
        try {
            Path wasm = Files.createDirectories(dir.resolve("wasm"));
            for (Map.Entry<String, byte[]> m : modules(s).entrySet()) {
                written.add(Files.write(wasm.resolve(m.getKey()), m.getValue()));
            }
            written.add(
                    0,
                    Files.writeString(dir.resolve("envoy.yaml"), EnvoyBootstrap.of(s, MODULE_DIR)));
            written.add(1, Files.writeString(dir.resolve("compose.yaml"), compose(s)));
        } catch (IOException e) {
            throw new ScenarioException(dir + ": cannot write the export (" + e.getMessage() + ")");
        }
        return written;
    }

    /**
     * Modules Envoy reads from its disk, by file name; two different ones of one name are refused.
     */
    private static Map<String, byte[]> modules(Scenario s) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (ModuleSource m : ModuleSource.allOf(s)) {
            if (m.remote()) {
                continue;
            }
            byte[] before = out.putIfAbsent(m.name(), m.bytes());
            if (before != null && !Arrays.equals(before, m.bytes())) {
                throw new ScenarioException(
                        "two different modules are named "
                                + m.name()
                                + " and Envoy reads both from "
                                + MODULE_DIR
                                + ": rename one");
            }
        }
        return out;
    }

    static String compose(Scenario s) {
        List<Integer> ports = new ArrayList<>();
        if (s.hasHttpListener()) {
            ports.add(EnvoyBootstrap.PORT);
        }
        if (s.tcpListener() != null) {
            ports.add(s.hasHttpListener() ? EnvoyBootstrap.PORT + 1 : EnvoyBootstrap.PORT);
        }
        ObjectNode root = F.objectNode();
        ObjectNode envoy = root.putObject("services").putObject("envoy");
        envoy.put("image", ENVOY_IMAGE);
        envoy.putArray("command")
                .add("-c")
                .add("/etc/envoy/envoy.yaml")
                .add("--concurrency")
                .add(String.valueOf(s.workers()));
        envoy.putArray("volumes")
                .add("./envoy.yaml:/etc/envoy/envoy.yaml:ro")
                .add("./wasm:" + MODULE_DIR + ":ro");
        ArrayNode published = envoy.putArray("ports");
        StringBuilder run = new StringBuilder("docker run --rm");
        for (int p : ports) {
            published.add(p + ":" + p);
            run.append(" -p ").append(p).append(':').append(p);
        }
        run.append(" -v \"$PWD/envoy.yaml:/etc/envoy/envoy.yaml:ro\" -v \"$PWD/wasm:")
                .append(MODULE_DIR)
                .append(":ro\" ")
                .append(ENVOY_IMAGE)
                .append(" -c /etc/envoy/envoy.yaml --concurrency ")
                .append(s.workers());
        StringBuilder head = ExportYaml.header(s);
        head.append("# Run it in real Envoy: docker compose up   (from this folder)\n")
                .append("# or: ")
                .append(run)
                .append('\n')
                .append("# envoy.yaml's NOTE lines say what to change first (mock clusters!).\n");
        return head + ExportYaml.write(root);
    }
}
