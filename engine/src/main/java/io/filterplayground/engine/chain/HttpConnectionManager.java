package io.filterplayground.engine.chain;

import io.filterplayground.engine.debug.Debugger;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.filter.HttpFilterFactory;
import io.filterplayground.engine.filter.StreamInfo;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.runtime.PlaygroundClock;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.upstream.Cluster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Envoy's HTTP connection manager on one worker: makes each request a stream through the chain,
 * with the headers the connection manager adds before any filter runs, and keeps the streams still
 * open so they can be timed out or reset at shutdown. Only its worker's thread touches it.
 */
public final class HttpConnectionManager {
    /** A filter factory with the display name of its filter and its index in the chain. */
    public record Named(String name, int chainIndex, HttpFilterFactory factory) {}

    /** What the connection manager is configured with, shared by every worker. */
    public record Config(
            Tracer tracer,
            PlaygroundClock clock,
            Debugger debugger,
            String routeName,
            Cluster route,
            int bufferLimit,
            long seed) {}

    private final Worker worker;
    private final Config config;
    private final List<Named> filters;
    private final List<AccessLog> accessLogs;
    private final Set<HttpStream> open = new LinkedHashSet<>();

    public HttpConnectionManager(
            Worker worker, Config config, List<Named> filters, List<AccessLog> accessLogs) {
        this.worker = worker;
        this.config = config;
        this.filters = List.copyOf(filters);
        this.accessLogs = List.copyOf(accessLogs);
    }

    /**
     * Starts a stream for {@code request}: call on the worker's loop. The listener hears when the
     * stream is over.
     */
    public HttpStream newStream(long streamId, HttpRequest request, HttpStream.Listener listener) {
        return newStream(streamId, request, null, listener);
    }

    /**
     * As {@link #newStream(long, HttpRequest, HttpStream.Listener)}, traced with no more than
     * {@code detail} (null: the playground's own): a stream whose trace nobody reads in full costs
     * no callback or hostcall events.
     */
    public HttpStream newStream(
            long streamId, HttpRequest request, TraceDetail detail, HttpStream.Listener listener) {
        StreamInfo info =
                new StreamInfo(
                        streamId,
                        config.clock().epochNanos(),
                        config.clock().monotonicNanos(),
                        requestId(streamId),
                        config.routeName());
        HttpStream stream =
                new HttpStream(
                        this,
                        info,
                        request,
                        tracer().atMost(detail),
                        s -> {
                            open.remove(s);
                            listener.onComplete(s);
                        });
        open.add(stream);
        stream.start(requestHeaders(request, info));
        return stream;
    }

    /** Streams nobody resumed meet Envoy's stream idle timeout. */
    public void expireOpenStreams() {
        for (HttpStream s : List.copyOf(open)) {
            s.expire();
        }
    }

    /** Resets the streams still open, as Envoy does when it shuts down. */
    public void shutdown() {
        for (HttpStream s : List.copyOf(open)) {
            s.shutdown();
        }
    }

    /** The request headers as the first filter sees them. */
    private static HeaderMap requestHeaders(HttpRequest request, StreamInfo info) {
        HeaderMap h = new HeaderMap();
        h.add(":authority", request.authority());
        h.add(":path", request.path());
        h.add(":method", request.method());
        h.add(":scheme", request.scheme());
        for (Header x : request.headers().withoutPseudo()) {
            h.add(x.name(), x.value());
        }
        // The connection manager adds these before any filter runs.
        if (h.get("x-forwarded-proto") == null) {
            h.add("x-forwarded-proto", request.scheme());
        }
        if (h.get("x-request-id") == null) {
            h.add("x-request-id", info.requestId);
        }
        if (request.hasBody() && h.get("content-length") == null && request.trailers().isEmpty()) {
            h.add("content-length", Integer.toString(request.body().length));
        }
        return h;
    }

    /** A request id drawn from the seed, so reruns match. */
    private String requestId(long streamId) {
        return UUID.nameUUIDFromBytes(
                        (config.seed() + ":" + streamId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    Worker worker() {
        return worker;
    }

    Tracer tracer() {
        return config.tracer();
    }

    PlaygroundClock clock() {
        return config.clock();
    }

    Debugger debugger() {
        return config.debugger();
    }

    String routeName() {
        return config.routeName();
    }

    Cluster route() {
        return config.route();
    }

    int bufferLimit() {
        return config.bufferLimit();
    }

    List<Named> filters() {
        return filters;
    }

    List<AccessLog> accessLogs() {
        return accessLogs;
    }

    /** Streams still open on this worker. */
    public List<HttpStream> openStreams() {
        return new ArrayList<>(open);
    }
}
