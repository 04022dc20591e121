package io.filterplayground.engine.scenario.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.scenario.ClusterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.upstream.GrpcReply;
import io.filterplayground.engine.upstream.MockSpec;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code clusters:} (each a built-in {@code mock:} or a real server's {@code url:}) and {@code
 * route:}, the cluster requests go to, read together: a route names a cluster, and without clusters
 * the route gets a default mock.
 */
final class ClusterSections implements Section<Scenario> {
    static final Slot<Map<String, ClusterSpec>> CLUSTERS = Slot.of(Map.of());
    static final Slot<String> ROUTE = Slot.of(null);

    private static final String CLUSTERS_KEY = "clusters";
    private static final String ROUTE_KEY = "route";
    private static final String URL = "url";

    private static final Key<GrpcReply, Integer> GRPC_STATUS =
            Key.of("status", Values.whole(0, 16), GrpcReply::status, 0).always();
    private static final Key<GrpcReply, String> GRPC_MESSAGE =
            Key.of("message", Values.TEXT, GrpcReply::message, "");
    private static final Key<GrpcReply, Headers> INITIAL_METADATA =
            Key.of("initialMetadata", Values.HEADERS, GrpcReply::initialMetadata, Headers.empty());
    private static final Key<GrpcReply, Headers> TRAILING_METADATA =
            Key.of(
                    "trailingMetadata",
                    Values.HEADERS,
                    GrpcReply::trailingMetadata,
                    Headers.empty());
    private static final GrpcResponse GRPC_RESPONSE = new GrpcResponse();
    private static final Sections<GrpcReply> GRPC =
            Sections.of(
                            GRPC_STATUS,
                            GRPC_MESSAGE,
                            GRPC_RESPONSE,
                            INITIAL_METADATA,
                            TRAILING_METADATA)
                    .writing(INITIAL_METADATA, GRPC_RESPONSE);

    private static final Key<MockSpec, Integer> STATUS =
            Key.of("status", Values.whole(100, 599), MockSpec::status, 200).always();
    private static final BodySection BODY =
            new BodySection(BodySection.BODY, BodySection.BASE64, BodySection.CHUNKS);
    private static final Key<MockSpec, Boolean> ECHO =
            Key.of("echo", Values.BOOL, MockSpec::echo, false);
    private static final Key<MockSpec, Long> DELAY =
            Key.of("delay", Values.DURATION, MockSpec::delayMillis, 0L);
    private static final Key<MockSpec, GrpcReply> GRPC_REPLY =
            Key.of(
                    "grpc",
                    Values.map(
                            GRPC,
                            d ->
                                    new GrpcReply(
                                            d.get(GRPC_STATUS),
                                            d.get(GRPC_MESSAGE),
                                            d.get(INITIAL_METADATA),
                                            d.get(GRPC_RESPONSE),
                                            d.get(TRAILING_METADATA)),
                            null),
                    MockSpec::grpc,
                    null);
    private static final Sections<MockSpec> MOCK =
            Sections.of(
                    STATUS,
                    HttpKeys.HEADERS.on(MockSpec::headers),
                    BODY.on(MockSpec::bodyChunks),
                    HttpKeys.TRAILERS.on(MockSpec::trailers),
                    ECHO,
                    DELAY,
                    GRPC_REPLY);
    private static final Key<ClusterSpec, MockSpec> MOCK_KEY =
            Key.of(
                    "mock",
                    Values.map(
                            MOCK,
                            d ->
                                    new MockSpec(
                                            d.get(STATUS),
                                            d.get(HttpKeys.HEADERS),
                                            d.get(BODY),
                                            d.get(HttpKeys.TRAILERS),
                                            d.get(ECHO),
                                            d.get(DELAY),
                                            d.get(GRPC_REPLY)),
                            "must be a map (status, headers, body, echo, delay, grpc)"),
                    ClusterSpec::mock,
                    null);
    private static final Key<ClusterSpec, String> URL_KEY =
            Key.of(URL, Values.TEXT, ClusterSpec::url, null);
    private static final Sections<ClusterSpec> CLUSTER = Sections.of(MOCK_KEY, URL_KEY);

    @Override
    public List<String> keys() {
        return List.of(CLUSTERS_KEY, ROUTE_KEY);
    }

    @Override
    public void read(Fields in, Draft into) {
        Map<String, ClusterSpec> clusters = clusters(in);
        String route = in.has(ROUTE_KEY) ? in.read(ROUTE_KEY, Values.TEXT) : null;
        if (route == null) {
            route = clusters.isEmpty() ? "backend" : clusters.keySet().iterator().next();
        }
        if (!clusters.containsKey(route)) {
            if (in.has(ROUTE_KEY) || !clusters.isEmpty()) {
                throw in.error(
                        ROUTE_KEY,
                        "no cluster named '" + route + "' (clusters: " + clusters.keySet() + ")");
            }
            clusters.put(route, ClusterSpec.defaultBackend(route));
        }
        into.put(CLUSTERS, Collections.unmodifiableMap(clusters));
        into.put(ROUTE, route);
    }

    private static Map<String, ClusterSpec> clusters(Fields in) {
        Map<String, ClusterSpec> out = new LinkedHashMap<>();
        JsonNode n = in.get(CLUSTERS_KEY);
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw in.error(CLUSTERS_KEY, "must be a map of cluster name to cluster");
        }
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            Fields c =
                    new Fields(
                            e.getValue(), in.path(CLUSTERS_KEY) + "." + e.getKey(), in.reading());
            if (c.node() == null || !c.node().isObject()) {
                throw c.error("must be a map with mock: or url:");
            }
            c.allow(CLUSTER.keys());
            if (c.has(MOCK_KEY.name()) == c.has(URL)) {
                throw c.error("give exactly one of mock: or url:");
            }
            Draft d = new Draft();
            CLUSTER.read(c, d);
            String url = d.get(URL_KEY);
            if (url != null && okhttp3.HttpUrl.parse(url) == null) {
                throw c.error(URL, "not an http(s) URL: '" + url + "'");
            }
            out.put(e.getKey(), new ClusterSpec(e.getKey(), d.get(MOCK_KEY), url));
        }
        return out;
    }

    @Override
    public void write(Scenario s, Map<String, Object> out, UnaryOperator<String> refs) {
        Map<String, Object> clusters = new LinkedHashMap<>();
        for (ClusterSpec c : s.clusters().values()) {
            clusters.put(c.name(), CLUSTER.toMap(c, refs));
        }
        out.put(CLUSTERS_KEY, clusters);
        out.put(ROUTE_KEY, s.route());
    }

    /** A unary reply's message: {@code response} (text) or {@code responseBase64} (bytes). */
    private static final class GrpcResponse implements Section<GrpcReply>, Slot<byte[]> {
        private static final String TEXT = "response";
        private static final String BASE64 = "responseBase64";

        @Override
        public byte[] absent() {
            return new byte[0];
        }

        @Override
        public List<String> keys() {
            return List.of(TEXT, BASE64);
        }

        @Override
        public void read(Fields in, Draft into) {
            if (in.has(BASE64)) {
                into.put(this, in.read(BASE64, Values.BASE64));
            } else if (in.has(TEXT)) {
                into.put(this, in.read(TEXT, Values.TEXT).getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        public void write(GrpcReply g, Map<String, Object> out, UnaryOperator<String> refs) {
            Object b64 = Values.BASE64.write(g.response());
            if (b64 != null) {
                out.put(BASE64, b64);
            }
        }
    }
}
