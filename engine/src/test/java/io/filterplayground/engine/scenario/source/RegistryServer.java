package io.filterplayground.engine.scenario.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.util.Sha256;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A real OCI registry for tests: Debian's {@code docker-registry} (the CNCF distribution server) on
 * a free loopback port, with its own config and storage under a temporary folder and basic auth
 * from an htpasswd file; images are pushed through the registry's HTTP API (blob upload, manifest
 * put) as a client such as oras or docker does.
 */
final class RegistryServer implements AutoCloseable {
    static final String USER = "playground";
    static final String PASSWORD = "playground-secret";

    /** bcrypt (cost 4, the registry accepts only bcrypt) of {@link #PASSWORD}. */
    private static final String HTPASSWD =
            USER + ":$2b$04$oabW3I1NudKPRoXENcWQbucP4X.QOSs75kOctLxrRbWpFm9/CGleC\n";

    static final String WASM_CONFIG = "application/vnd.module.wasm.config.v1+json";
    static final String WASM_LAYER = "application/vnd.module.wasm.content.layer.v1+wasm";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OkHttpClient CLIENT =
            new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();

    private final Process process;
    final int port;

    private RegistryServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The server's program, or null when it is not installed. */
    static Path binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "docker-registry");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static RegistryServer start(Path binary, Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("htpasswd"), HTPASSWD);
        Files.createDirectories(dir.resolve("storage"));
        Files.writeString(
                dir.resolve("config.yml"),
                """
                version: 0.1
                log: {level: warn}
                storage:
                  filesystem: {rootdirectory: %s}
                  delete: {enabled: true}
                http: {addr: "127.0.0.1:%d"}
                auth:
                  htpasswd: {realm: playground-test, path: %s}
                """
                        .formatted(dir.resolve("storage"), port, dir.resolve("htpasswd")));
        Process p =
                new ProcessBuilder(binary.toString(), "serve", dir.resolve("config.yml").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("registry.log").toFile())
                        .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                return new RegistryServer(p, port);
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException(
                            "docker-registry did not start: "
                                    + Files.readString(dir.resolve("registry.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    String host() {
        return "127.0.0.1:" + port;
    }

    /** A Docker config.json with this registry's login. */
    Path dockerConfig(Path dir) throws IOException {
        String auth =
                Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Path f = dir.resolve("docker-config.json");
        Files.writeString(f, "{\"auths\": {\"" + host() + "\": {\"auth\": \"" + auth + "\"}}}");
        return f;
    }

    /** Pushes a Wasm artifact image (Wasm config, one Wasm layer); returns the manifest digest. */
    String pushWasmArtifact(String repo, String tag, byte[] module) throws IOException {
        return pushImage(
                repo, tag, WASM_CONFIG, "{}".getBytes(StandardCharsets.UTF_8), WASM_LAYER, module);
    }

    /** Pushes an Istio "compat" image: an OCI image whose one layer holds plugin.wasm. */
    String pushCompatImage(String repo, String tag, byte[] module) throws IOException {
        byte[] config =
                "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                        .getBytes(StandardCharsets.UTF_8);
        return pushImage(
                repo,
                tag,
                "application/vnd.oci.image.config.v1+json",
                config,
                "application/vnd.oci.image.layer.v1.tar+gzip",
                OciModulesTest.tarGz("plugin.wasm", module));
    }

    private String pushImage(
            String repo,
            String tag,
            String configType,
            byte[] config,
            String layerType,
            byte[] layer)
            throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        m.set("config", descriptor(configType, push(repo, config)));
        m.putArray("layers").add(descriptor(layerType, push(repo, layer)));
        byte[] manifest = JSON.writeValueAsBytes(m);
        HttpUrl url = base(repo).resolve("manifests/" + tag);
        try (Response r =
                CLIENT.newCall(
                                authorized(url)
                                        .put(
                                                RequestBody.create(
                                                        manifest,
                                                        MediaType.get(
                                                                "application/vnd.oci.image.manifest.v1+json")))
                                        .build())
                        .execute()) {
            expect(r, 201, "manifest put");
        }
        return "sha256:" + Sha256.hex(manifest);
    }

    private ObjectNode descriptor(String type, Blob blob) {
        ObjectNode d = JSON.createObjectNode();
        d.put("mediaType", type);
        d.put("digest", blob.digest());
        d.put("size", blob.size());
        return d;
    }

    private record Blob(String digest, int size) {}

    /** A blob upload: POST to start it, PUT its bytes with their digest. */
    private Blob push(String repo, byte[] bytes) throws IOException {
        String digest = "sha256:" + Sha256.hex(bytes);
        String location;
        try (Response r =
                CLIENT.newCall(
                                authorized(base(repo).resolve("blobs/uploads/"))
                                        .post(RequestBody.create(new byte[0]))
                                        .build())
                        .execute()) {
            expect(r, 202, "blob upload start");
            location = r.header("Location");
        }
        HttpUrl upload =
                base(repo)
                        .resolve(location)
                        .newBuilder()
                        .addQueryParameter("digest", digest)
                        .build();
        try (Response r =
                CLIENT.newCall(
                                authorized(upload)
                                        .put(
                                                RequestBody.create(
                                                        bytes,
                                                        MediaType.get("application/octet-stream")))
                                        .build())
                        .execute()) {
            expect(r, 201, "blob upload");
        }
        return new Blob(digest, bytes.length);
    }

    private HttpUrl base(String repo) {
        return HttpUrl.get("http://" + host() + "/v2/" + repo + "/");
    }

    private static Request.Builder authorized(HttpUrl url) {
        return new Request.Builder()
                .url(url)
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (USER + ":" + PASSWORD)
                                                        .getBytes(StandardCharsets.UTF_8)));
    }

    private static void expect(Response r, int status, String what) throws IOException {
        if (r.code() != status) {
            throw new IOException(what + ": HTTP " + r.code() + " " + r.body().string());
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
