package io.filterplayground.engine.upstream;

import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.runtime.Activity;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A real upstream reached through OkHttp. All clusters share one client (one connection pool and
 * dispatcher); a per-call timeout derives a light client from it. gRPC calls and streams ({@link
 * Http2GrpcStream}) go over HTTP/2: with prior knowledge on {@code http://}, as gRPC servers
 * expect, negotiated on {@code https://}. Answers are posted back to the caller's loop.
 */
public final class HttpCluster implements Cluster {
    /** The largest response body taken from a real upstream. */
    static final int MAX_BODY = 64 << 20;

    private final String name;
    private final HttpUrl base;
    private final OkHttpClient client;
    private final OkHttpClient grpcClient;
    private final OkHttpClient grpcStreamClient;
    private final Activity activity;

    public HttpCluster(String name, HttpUrl base, OkHttpClient client, Activity activity) {
        this.name = name;
        this.base = base;
        this.client = client;
        this.grpcClient =
                client.newBuilder()
                        .protocols(
                                base.isHttps()
                                        ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1)
                                        : List.of(Protocol.H2_PRIOR_KNOWLEDGE))
                        .build();
        // Envoy's gRPC streams have no timeout: a quiet stream stays open.
        this.grpcStreamClient = grpcClient.newBuilder().readTimeout(Duration.ZERO).build();
        this.activity = activity;
    }

    @Override
    public String name() {
        return name;
    }

    public HttpUrl url() {
        return base;
    }

    /**
     * A gRPC call or stream over HTTP/2 (prior knowledge on {@code http://}). A unary call's
     * timeout bounds the whole call, as Envoy's router timeout does; a stream has none.
     */
    @Override
    public GrpcStream startGrpc(GrpcStart start, Executor loop, GrpcStreamCallbacks callbacks) {
        OkHttpClient c =
                start.timeoutMillis() > 0
                        ? grpcClient
                                .newBuilder()
                                .callTimeout(start.timeoutMillis(), TimeUnit.MILLISECONDS)
                                .build()
                        : grpcStreamClient;
        Http2GrpcStream stream = new Http2GrpcStream(base, loop, activity, callbacks);
        stream.start(c, start);
        return stream;
    }

    @Override
    public Cancel send(UpstreamCall call, Executor loop, Consumer<UpstreamResult> onResult) {
        Request request;
        try {
            request = toRequest(call);
        } catch (IllegalArgumentException e) {
            loop.execute(() -> onResult.accept(UpstreamResult.failed("reset", e.getMessage())));
            return () -> {};
        }
        OkHttpClient shared =
                "application/grpc".equals(call.header("content-type")) ? grpcClient : client;
        OkHttpClient c =
                call.timeoutMillis() > 0
                        ? shared.newBuilder()
                                .callTimeout(call.timeoutMillis(), TimeUnit.MILLISECONDS)
                                .build()
                        : shared;
        Call okCall = c.newCall(request);
        boolean[] cancelled = {false};
        activity.begin();
        okCall.enqueue(
                new Callback() {
                    @Override
                    public void onFailure(Call failed, IOException e) {
                        deliver(failure(e));
                    }

                    @Override
                    public void onResponse(Call done, Response response) {
                        UpstreamResult result;
                        try (response) {
                            result = toResult(response);
                        } catch (IOException e) {
                            result = failure(e);
                        }
                        deliver(result);
                    }

                    private void deliver(UpstreamResult result) {
                        loop.execute(
                                () -> {
                                    if (!cancelled[0]) {
                                        onResult.accept(result);
                                    }
                                });
                        activity.end();
                    }
                });
        return () -> {
            cancelled[0] = true;
            okCall.cancel();
        };
    }

    private Request toRequest(UpstreamCall call) {
        String method = call.header(":method") == null ? "GET" : call.header(":method");
        String path = call.header(":path") == null ? "/" : call.header(":path");
        HttpUrl url = base.resolve(path.startsWith("/") ? path.substring(1) : path);
        if (url == null) {
            throw new IllegalArgumentException("cannot build a URL from path '" + path + "'");
        }
        Request.Builder b = new Request.Builder().url(url);
        for (Header h : call.headers()) {
            if (!h.name().startsWith(":") && !h.name().equals("host")) {
                b.addHeader(h.name(), h.value());
            }
        }
        byte[] body = call.body();
        // OkHttp sets Content-Type from the body's media type, over the caller's own header.
        String type = call.header("content-type");
        MediaType media = type == null ? null : MediaType.parse(type);
        RequestBody rb =
                body.length > 0 || requiresBody(method) ? RequestBody.create(body, media) : null;
        return b.method(method.toUpperCase(Locale.ROOT), rb).build();
    }

    private static boolean requiresBody(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "POST", "PUT", "PATCH", "PROPPATCH", "REPORT" -> true;
            default -> false;
        };
    }

    private UpstreamResult toResult(Response response) throws IOException {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header(":status", Integer.toString(response.code())));
        headers.addAll(lowercase(response.headers()).entries());
        byte[] body = boundedBody(response.body());
        return new UpstreamResult(
                response.code(),
                Headers.of(headers),
                body.length == 0 ? List.of() : List.of(body),
                lowercase(response.trailers()),
                null,
                null,
                base.host(),
                base.port());
    }

    /**
     * The whole body, refused beyond {@link #MAX_BODY}: a hostile or runaway upstream must not take
     * the playground's memory (the stream then ends as a reset).
     */
    static byte[] boundedBody(ResponseBody rb) throws IOException {
        if (rb == null) {
            return new byte[0];
        }
        if (rb.contentLength() > MAX_BODY) {
            throw new IOException(tooLarge());
        }
        try (InputStream in = rb.byteStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new IOException(tooLarge());
            }
            return body;
        }
    }

    private static String tooLarge() {
        return "the response body is larger than " + (MAX_BODY >> 20) + " MiB";
    }

    private static Headers lowercase(okhttp3.Headers h) {
        List<Header> out = new ArrayList<>(h.size());
        for (int i = 0; i < h.size(); i++) {
            out.add(new Header(h.name(i).toLowerCase(Locale.ROOT), h.value(i)));
        }
        return Headers.of(out);
    }

    private UpstreamResult failure(IOException e) {
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ConnectException || e instanceof UnknownHostException) {
            return UpstreamResult.failed(
                    "connection_failure", "cannot connect to " + base + ": " + what);
        }
        if (e instanceof InterruptedIOException) {
            return UpstreamResult.failed("timeout", "no answer from " + base + " in time");
        }
        return UpstreamResult.failed("reset", base + ": " + what);
    }
}
