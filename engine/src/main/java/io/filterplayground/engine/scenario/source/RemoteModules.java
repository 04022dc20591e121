package io.filterplayground.engine.scenario.source;

import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Modules fetched over HTTP(S), as Envoy's {@code remote} data source fetches them: the scenario
 * names the URL and the module's sha256, and a module whose digest differs is refused. Fetched
 * modules are kept by digest for the life of the process, so reopening a scenario (or the window
 * re-applying a chain) does not download them again.
 */
public final class RemoteModules {
    /** The largest module (or registry blob) taken, as the file resolver takes. */
    static final long MAX_BYTES = 256L * 1024 * 1024;

    /** One client for every module download (remote and OCI). */
    static final OkHttpClient CLIENT =
            new OkHttpClient.Builder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .callTimeout(Duration.ofSeconds(60))
                    .build();

    private static final Map<String, byte[]> BY_DIGEST = new ConcurrentHashMap<>();

    private RemoteModules() {}

    /**
     * The file name a fetched module shows as: the URL's last path segment, or an OCI repository's
     * last name with {@code .wasm} ({@code oci://ghcr.io/org/add-header:1.0} is {@code
     * add-header.wasm}).
     */
    public static String nameOf(String ref) {
        if (ModuleSource.isOci(ref)) {
            String repo = ref.replaceFirst("@.*$", "");
            repo = repo.substring(repo.lastIndexOf('/') + 1).replaceFirst(":.*$", "");
            return repo + ".wasm";
        }
        String path = ref.replaceFirst("[?#].*$", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * The module at {@code url}. {@code sha256} (lower-case hex, or null) is looked up first, and a
     * download that matches it is kept; the caller reports a mismatch.
     */
    public static byte[] fetch(String url, String sha256) throws IOException {
        byte[] cached = sha256 == null ? null : BY_DIGEST.get(sha256);
        if (cached != null) {
            return cached;
        }
        HttpUrl u = HttpUrl.parse(url);
        if (u == null) {
            throw new IOException("not a valid URL");
        }
        try (Response r = CLIENT.newCall(new Request.Builder().url(u).build()).execute()) {
            if (r.code() != 200) {
                throw new IOException("the server answered HTTP " + r.code());
            }
            byte[] bytes = capped(r.body(), "the module");
            // Kept only once it is the module the caller pinned.
            if (sha256 != null && sha256.equals(Sha256.hex(bytes))) {
                BY_DIGEST.put(sha256, bytes);
            }
            return bytes;
        }
    }

    /** A whole response body, refused beyond {@link #MAX_BYTES}. */
    static byte[] capped(ResponseBody body, String what) throws IOException {
        return capped(body, what, MAX_BYTES);
    }

    /** A whole response body, refused beyond {@code max} bytes, announced or not. */
    static byte[] capped(ResponseBody body, String what, long max) throws IOException {
        String tooLarge =
                what
                        + " is larger than "
                        + (max >= 1 << 20 ? (max >> 20) + " MiB" : max + " bytes");
        if (body.contentLength() > max) {
            throw new IOException(tooLarge);
        }
        try (InputStream in = body.byteStream()) {
            byte[] bytes = in.readNBytes((int) max + 1);
            if (bytes.length > max) {
                throw new IOException(tooLarge);
            }
            return bytes;
        }
    }
}
