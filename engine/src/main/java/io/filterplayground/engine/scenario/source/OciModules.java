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
        HttpUrl base = registryBase(host, repo);
        if (base == null) {
            throw new IOException("not a registry address: " + host);
        }
        Registry registry = new Registry(host, base);
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

    /**
     * {@code /v2/<repo>/} on the registry: HTTPS, except for a registry on this machine ({@code
     * localhost}, {@code 127.x.x.x}, {@code [::1]}), which Istio and docker also speak to in plain
     * HTTP. A name that merely starts with "localhost" is another machine.
     */
    static HttpUrl registryBase(String host, String repo) {
        HttpUrl https = HttpUrl.parse("https://" + host + "/v2/" + repo + "/");
        if (https == null) {
            return null;
        }
        return loopback(https) ? https.newBuilder().scheme("http").build() : https;
    }

    /** Whether {@code url} names this machine, where plain HTTP leaves nothing on the network. */
    static boolean loopback(HttpUrl url) {
        String h = url.host();
        return h.equals("localhost") || h.equals("::1") || h.matches("127\\.\\d+\\.\\d+\\.\\d+");
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
     * there is one, anonymously otherwise. Credentials stay with the registry: the login goes only
     * to the registry or to the token service its challenge names, and only over TLS (plain HTTP on
     * this machine only); the Authorization header goes only to the registry's own origin.
     * Redirects are followed here, not by OkHttp, so that a blob download redirected to a storage
     * host carries no Authorization at all.
     */
    private static final class Registry {
        private static final OkHttpClient NO_REDIRECTS =
                CLIENT.newBuilder().followRedirects(false).followSslRedirects(false).build();
        private static final int MAX_REDIRECTS = 5;
        private static final long MAX_TOKEN_BYTES = 1 << 20;

        private final String host;
        private final HttpUrl origin;
        private String authorization;

        Registry(String host, HttpUrl origin) {
            this.host = host;
            this.origin = origin;
        }

        byte[] get(HttpUrl url, String accept) throws IOException {
            try (Response r = send(url, accept)) {
                if (r.code() != 401 || authorization != null) {
                    return body(r, url);
                }
                authorization = answer(r.header("WWW-Authenticate"));
            }
            try (Response r = send(url, accept)) {
                return body(r, url);
            }
        }

        /**
         * The answer at {@code url} after redirects; Authorization only on the registry's origin.
         */
        private Response send(HttpUrl url, String accept) throws IOException {
            HttpUrl at = url;
            for (int hop = 0; ; hop++) {
                Request.Builder b = new Request.Builder().url(at).header("Accept", accept);
                if (authorization != null && sameOrigin(at, origin)) {
                    b.header("Authorization", authorization);
                }
                Response r = NO_REDIRECTS.newCall(b.build()).execute();
                if (!r.isRedirect()) {
                    return r;
                }
                String location = r.header("Location");
                r.close();
                HttpUrl next = location == null ? null : at.resolve(location);
                if (next == null || hop == MAX_REDIRECTS) {
                    throw new IOException(
                            "the registry redirected "
                                    + url.encodedPath()
                                    + (next == null ? " nowhere" : " too many times"));
                }
                at = next;
            }
        }

        private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
            return a.scheme().equals(b.scheme())
                    && a.host().equals(b.host())
                    && a.port() == b.port();
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
                return "Basic " + login; // to the registry itself: HTTPS unless on this machine
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
        private String token(String challenge, String login) throws IOException {
            Matcher m = CHALLENGE.matcher(challenge);
            HttpUrl realm = null;
            while (m.find()) {
                if (m.group(1).equals("realm")) {
                    realm = HttpUrl.parse(m.group(2));
                }
            }
            if (realm == null) {
                throw new IOException("the registry's challenge names no realm");
            }
            if (login != null && !realm.isHttps() && !loopback(realm)) {
                throw new IOException(
                        "the registry's token service "
                                + realm.host()
                                + " is not HTTPS: the login for "
                                + host
                                + " is only sent over TLS");
            }
            HttpUrl.Builder b = realm.newBuilder();
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
            try (Response r = NO_REDIRECTS.newCall(tokenRequest.build()).execute()) {
                if (r.code() != 200) {
                    throw new IOException("the registry's token service answered HTTP " + r.code());
                }
                JsonNode t =
                        JSON.readTree(RemoteModules.capped(r.body(), "the token", MAX_TOKEN_BYTES));
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
