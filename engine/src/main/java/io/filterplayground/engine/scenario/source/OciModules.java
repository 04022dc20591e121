package io.filterplayground.engine.scenario.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filterplayground.engine.util.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Modules pulled from an OCI registry, as Istio's agent pulls a WasmPlugin's {@code oci://} image:
 * the manifest, then the layer that holds the module, either a Wasm artifact layer ({@code
 * application/vnd.module.wasm.content.layer.v1+wasm}) or a "compat" image layer (a tar.gz with
 * {@code plugin.wasm}). Anonymous pulls, with the registry's bearer-token challenge answered; every
 * blob is checked against its digest. {@code localhost} registries are spoken to over plain HTTP,
 * others over HTTPS.
 */
public final class OciModules {
    private static final String WASM_LAYER = "application/vnd.module.wasm.content.layer.v1+wasm";
    private static final String MANIFESTS =
            "application/vnd.oci.image.manifest.v1+json,"
                    + " application/vnd.docker.distribution.manifest.v2+json,"
                    + " application/vnd.oci.image.index.v1+json,"
                    + " application/vnd.docker.distribution.manifest.list.v2+json";
    private static final Pattern REF =
            Pattern.compile(
                    "oci://([^/]+)/([a-z0-9._/-]+?)(?::([A-Za-z0-9._-]+))?(?:@(sha256:[0-9a-f]{64}))?");
    private static final Pattern CHALLENGE = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final long MAX_BYTES = RemoteModules.MAX_BYTES;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OkHttpClient CLIENT = RemoteModules.CLIENT;

    private OciModules() {}

    /** The module of the image {@code oci://host/repository[:tag][@sha256:digest]}. */
    public static byte[] fetch(String ref) throws IOException {
        Matcher m = REF.matcher(ref);
        if (!m.matches()) {
            throw new IOException(
                    "not an OCI reference (oci://registry/repository[:tag][@sha256:digest])");
        }
        String host = m.group(1);
        String repo = m.group(2);
        String digest = m.group(4);
        String reference = digest != null ? digest : m.group(3) != null ? m.group(3) : "latest";
        boolean local = host.startsWith("localhost") || host.startsWith("127.0.0.1");
        HttpUrl base = HttpUrl.parse((local ? "http://" : "https://") + host + "/v2/" + repo + "/");
        if (base == null) {
            throw new IOException("not a registry address: " + host);
        }
        Registry registry = new Registry(host);
        byte[] manifestBytes = registry.get(base.resolve("manifests/" + reference), MANIFESTS);
        if (digest != null) {
            check(manifestBytes, digest, "the manifest");
        }
        JsonNode manifest = JSON.readTree(manifestBytes);
        if (manifest.has("manifests")) {
            // An index: Wasm has one platform, so its first manifest is the module's.
            JsonNode first = manifest.path("manifests").path(0);
            String at = first.path("digest").asText("");
            if (at.isEmpty()) {
                throw new IOException("the image index lists no manifest");
            }
            manifestBytes = registry.get(base.resolve("manifests/" + at), MANIFESTS);
            check(manifestBytes, at, "the manifest");
            manifest = JSON.readTree(manifestBytes);
        }
        JsonNode layers = manifest.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new IOException("the manifest has no layers");
        }
        JsonNode layer = null;
        for (JsonNode l : layers) {
            if (WASM_LAYER.equals(l.path("mediaType").asText())) {
                layer = l;
            }
        }
        boolean compat = layer == null;
        if (compat) {
            if (layers.size() != 1) {
                throw new IOException(
                        "no Wasm layer, and "
                                + layers.size()
                                + " image layers where one was expected");
            }
            layer = layers.get(0);
        }
        String blobDigest = layer.path("digest").asText();
        byte[] blob = registry.get(base.resolve("blobs/" + blobDigest), "*/*");
        check(blob, blobDigest, "the layer");
        return compat ? pluginWasm(blob) : blob;
    }

    private static void check(byte[] bytes, String digest, String what) throws IOException {
        String actual = "sha256:" + Sha256.hex(bytes);
        if (!actual.equals(digest)) {
            throw new IOException(what + " has digest " + actual + ", not " + digest);
        }
    }

    /** {@code plugin.wasm} (or the one {@code .wasm}) from a compat image's tar.gz layer. */
    static byte[] pluginWasm(byte[] tarGz) throws IOException {
        byte[] found = null;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tarGz))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = cString(header, 0, 100);
                String octal = cString(header, 124, 12).trim();
                long size = octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
                if (size > MAX_BYTES) {
                    throw new IOException(name + " is larger than 256 MiB");
                }
                byte[] content = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (base.equals("plugin.wasm") || (found == null && base.endsWith(".wasm"))) {
                    found = content;
                    if (base.equals("plugin.wasm")) {
                        break;
                    }
                }
            }
        } catch (NumberFormatException e) {
            throw new IOException("the layer is not a tar archive");
        }
        if (found == null) {
            throw new IOException("the image layer has no plugin.wasm");
        }
        return found;
    }

    private static String cString(byte[] b, int from, int len) {
        int end = from;
        while (end < from + len && b[end] != 0) {
            end++;
        }
        return new String(b, from, end - from, StandardCharsets.US_ASCII);
    }

    /**
     * One pull from one registry: answers its challenge once (a bearer token from its token
     * service, or basic credentials), with the login {@code docker login} saved for that host if
     * there is one, anonymously otherwise.
     */
    private static final class Registry {
        private final String host;
        private String authorization;

        Registry(String host) {
            this.host = host;
        }

        byte[] get(HttpUrl url, String accept) throws IOException {
            try (Response r = CLIENT.newCall(request(url, accept)).execute()) {
                if (r.code() == 401 && authorization == null) {
                    authorization = answer(r.header("WWW-Authenticate"));
                } else {
                    return body(r, url);
                }
            }
            try (Response r = CLIENT.newCall(request(url, accept)).execute()) {
                return body(r, url);
            }
        }

        private Request request(HttpUrl url, String accept) {
            Request.Builder b = new Request.Builder().url(url).header("Accept", accept);
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            return b.build();
        }

        private static byte[] body(Response r, HttpUrl url) throws IOException {
            if (r.code() != 200) {
                throw new IOException(
                        "the registry answered HTTP " + r.code() + " for " + url.encodedPath());
            }
            return RemoteModules.capped(r.body(), "a blob");
        }

        /** The Authorization header that answers {@code challenge}. */
        private String answer(String challenge) throws IOException {
            String login = DockerLogins.basic(host);
            if (challenge != null && challenge.startsWith("Basic ") && login != null) {
                return "Basic " + login;
            }
            if (challenge == null || !challenge.startsWith("Bearer ")) {
                throw new IOException(
                        "the registry wants credentials, and "
                                + DockerLogins.where()
                                + " has none for "
                                + host
                                + " (docker login "
                                + host
                                + ")");
            }
            return "Bearer " + token(challenge, login);
        }

        /** The token of a {@code Bearer realm=...,service=...,scope=...} challenge. */
        private static String token(String challenge, String login) throws IOException {
            Matcher m = CHALLENGE.matcher(challenge);
            HttpUrl.Builder b = null;
            while (m.find()) {
                if (m.group(1).equals("realm")) {
                    HttpUrl realm = HttpUrl.parse(m.group(2));
                    b = realm == null ? null : realm.newBuilder();
                }
            }
            if (b == null) {
                throw new IOException("the registry's challenge names no realm");
            }
            m.reset();
            while (m.find()) {
                if (!m.group(1).equals("realm")) {
                    b.addQueryParameter(m.group(1), m.group(2));
                }
            }
            Request.Builder tokenRequest = new Request.Builder().url(b.build());
            if (login != null) {
                tokenRequest.header("Authorization", "Basic " + login);
            }
            try (Response r = CLIENT.newCall(tokenRequest.build()).execute()) {
                if (r.code() != 200) {
                    throw new IOException("the registry's token service answered HTTP " + r.code());
                }
                JsonNode t = JSON.readTree(r.body().bytes());
                String token =
                        t.hasNonNull("token")
                                ? t.get("token").asText()
                                : t.path("access_token").asText(null);
                if (token == null) {
                    throw new IOException("the registry's token service gave no token");
                }
                return token;
            }
        }
    }
}
