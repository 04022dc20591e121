package io.filterplayground.engine.chain;

import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.filter.ResponseFlag;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.UpstreamRequest;
import io.filterplayground.engine.upstream.Cluster;
import io.filterplayground.engine.upstream.UpstreamCall;
import io.filterplayground.engine.upstream.UpstreamResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Envoy's router at the end of the request side: gathers the request as the filters left it, sends
 * it to the route's cluster when it is complete, and hands the answer (or the failure) back to the
 * stream.
 */
final class Router {
    /** Upstream route timeout, as Envoy's default route timeout. */
    static final long ROUTE_TIMEOUT_MILLIS = 15_000;

    private final HttpStream stream;
    private final String clusterName;
    private final Cluster cluster;
    private Headers headers;
    private final Buffer body = new Buffer();
    private Headers trailers = Headers.empty();
    private boolean sent;
    private Cluster.Cancel pending;

    Router(HttpStream stream, String clusterName, Cluster cluster) {
        this.stream = stream;
        this.clusterName = clusterName;
        this.cluster = cluster;
    }

    void headers(HeaderMap requestHeaders, boolean eos) {
        List<Header> h = new ArrayList<>(requestHeaders.entries());
        // Envoy's router tells the upstream how long it will wait (suppress_envoy_headers off).
        h.add(new Header("x-envoy-expected-rq-timeout-ms", Long.toString(ROUTE_TIMEOUT_MILLIS)));
        headers = Headers.of(h);
        if (eos) {
            send();
        }
    }

    void data(Buffer chunk, boolean eos) {
        body.append(chunk);
        if (eos) {
            send();
        }
    }

    void trailers(HeaderMap requestTrailers) {
        trailers = requestTrailers.snapshot();
        send();
    }

    private void send() {
        if (cluster == null) {
            stream.emit("note", null, "route cluster '" + clusterName + "' does not exist");
            stream.info().setResponseFlag(ResponseFlag.NO_CLUSTER_FOUND);
            stream.requestStop(
                    () ->
                            stream.localReply(
                                    null, 503, new byte[0], List.of(), "cluster_not_found"));
            return;
        }
        sent = true;
        stream.emit("upstream_request", null, "to cluster " + clusterName);
        pending =
                cluster.send(
                        new UpstreamCall(headers, body.bytes(), trailers, ROUTE_TIMEOUT_MILLIS),
                        stream.worker(),
                        this::onResult);
    }

    private void onResult(UpstreamResult result) {
        pending = null;
        stream.upstreamAnswered(result);
    }

    /** Cancels the upstream request in flight, if any (a local reply or reset came first). */
    void cancel() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    /** The request as the upstream received it, or null when it never left the proxy. */
    UpstreamRequest upstreamRequest() {
        return sent ? new UpstreamRequest(clusterName, headers, body.bytes(), trailers) : null;
    }
}
