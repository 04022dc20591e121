package io.filterplayground.engine.scenario.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.source.OciModules;
import io.filterplayground.engine.scenario.source.RemoteModules;
import io.filterplayground.engine.util.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where an imported plugin's module is, as a scenario's {@code wasm:} (and {@code sha256:}): a
 * local file (Envoy's path, else found by its name next to the imported file, in its {@code wasm/}
 * folder, or in the module folder the user gives), inline bytes (kept in memory as {@code
 * inline:NAME}), an {@code http(s)://} URL with its digest, or an {@code oci://} image. A module
 * that cannot be had makes its plugin a placeholder.
 */
final class Modules {
    private final ImportDraft draft;
    private final Path baseDir;

    Modules(ImportDraft draft, Path baseDir) {
        this.draft = draft;
        this.baseDir = baseDir;
    }

    /**
     * The {@code wasm:} keys of an Envoy {@code vm_config.code} (an {@code AsyncDataSource});
     * {@code owner} names the inline file.
     */
    Map<String, Object> envoyCode(JsonNode code, String runtime, String owner) throws NotRunnable {
        if (runtime.endsWith(".null")) {
            throw new NotRunnable(
                    "it is a plugin compiled into Envoy (runtime " + runtime + "), not a module");
        }
        JsonNode local = code.path("local");
        JsonNode remote = code.path("remote");
        if (local.has("filename")) {
            return keys(file(local.get("filename").asText()), null);
        }
        if (local.has("inline_bytes")) {
            return inline(
                    owner, Base64.getMimeDecoder().decode(local.get("inline_bytes").asText()));
        }
        if (local.has("inline_string")) {
            return inline(
                    owner, local.get("inline_string").asText().getBytes(StandardCharsets.UTF_8));
        }
        if (remote.has("http_uri")) {
            String uri = remote.at("/http_uri/uri").asText();
            draft.fetchClusters.add(remote.at("/http_uri/cluster").asText());
            String sha = remote.path("sha256").asText("").toLowerCase(Locale.ROOT);
            if (sha.isEmpty()) {
                throw new NotRunnable("its remote module " + uri + " has no sha256");
            }
            fetch(uri, sha);
            return keys(uri, sha);
        }
        throw new NotRunnable("its code names no module (local filename, inline bytes or remote)");
    }

    /** The {@code wasm:} keys of an Istio WasmPlugin's {@code url} and {@code sha256}. */
    Map<String, Object> istioUrl(String url, String sha256, String owner) throws NotRunnable {
        String u = url.contains("://") ? url : "oci://" + url;
        String scheme = u.substring(0, u.indexOf("://")).toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file" -> {
                return keys(file(u.substring("file://".length())), null);
            }
            case "http", "https" -> {
                byte[] bytes = fetch(u, sha256.isEmpty() ? null : sha256);
                String sha = Sha256.hex(bytes);
                if (sha256.isEmpty()) {
                    draft.note(
                            owner
                                    + ": "
                                    + u
                                    + " is pinned to the sha256 it had when imported, "
                                    + sha);
                }
                return keys(u, sha);
            }
            case "oci" -> {
                try {
                    OciModules.fetch(u);
                } catch (IOException e) {
                    throw new NotRunnable("cannot pull " + u + ": " + e.getMessage());
                }
                if (!sha256.isEmpty()) {
                    draft.note(
                            owner
                                    + ": sha256 of an OCI image is Istio's check of the image, not kept");
                }
                return keys(u, null);
            }
            default ->
                    throw new NotRunnable("its url scheme " + scheme + ": is not one Istio pulls");
        }
    }

    private byte[] fetch(String uri, String sha) throws NotRunnable {
        try {
            byte[] bytes = RemoteModules.fetch(uri, sha);
            if (sha != null && !sha.equals(Sha256.hex(bytes))) {
                throw new NotRunnable(
                        uri + " has sha256 " + Sha256.hex(bytes) + ", not the " + sha + " pinned");
            }
            return bytes;
        } catch (IOException e) {
            throw new NotRunnable("cannot fetch " + uri + ": " + e.getMessage());
        }
    }

    /**
     * A local module: the path as written (relative to the imported file), else its file name where
     * an export puts modules (next to the file, in its wasm/ folder) or in the module folder.
     */
    String file(String filename) throws NotRunnable {
        Path written = Path.of(filename);
        String name = written.getFileName() == null ? filename : written.getFileName().toString();
        List<Path> candidates = new ArrayList<>();
        candidates.add(baseDir.resolve(written));
        if (draft.options.moduleDir() != null) {
            candidates.add(draft.options.moduleDir().resolve(name));
        }
        candidates.add(baseDir.resolve(name));
        candidates.add(baseDir.resolve("wasm").resolve(name));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                Path abs = p.toAbsolutePath().normalize();
                Path base = baseDir.toAbsolutePath().normalize();
                return abs.startsWith(base)
                        ? base.relativize(abs).toString().replace('\\', '/')
                        : abs.toString();
            }
        }
        throw new NotRunnable(
                "its file "
                        + filename
                        + " is not on this machine (looked next to the file, in its wasm/ folder"
                        + (draft.options.moduleDir() == null
                                ? ""
                                : " and in " + draft.options.moduleDir())
                        + "; give the folder with --module-dir)");
    }

    private Map<String, Object> inline(String owner, byte[] bytes) {
        String name = owner.replaceAll("[^A-Za-z0-9._-]", "_") + ".wasm";
        draft.inline.put(name, bytes);
        return keys(ModuleSource.INLINE + name, null);
    }

    private static Map<String, Object> keys(String ref, String sha256) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wasm", ref);
        if (sha256 != null) {
            m.put("sha256", sha256);
        }
        return m;
    }
}
