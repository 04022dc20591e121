package io.filterplayground.engine.scenario.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.scenario.ClusterSpec;
import io.filterplayground.engine.scenario.Listener;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.upstream.GrpcReply;
import io.filterplayground.engine.upstream.MockSpec;
import io.filterplayground.engine.upstream.MockTcpSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code clusters:} (each a built-in HTTP {@code mock:}, a built-in {@code tcp:} upstream, or a
 * real server's {@code url:}) and {@code route:}, the cluster requests or connections go to, read
 * together: a route names a cluster of the listener's kind (by default the first of that kind), and
 * without clusters the route gets a default mock (an echo for a tcp listener).
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

    /** A unary reply's message: {@code response} (text) or {@code responseBase64} (bytes). */
    private static final BytesSection GRPC_RESPONSE =
            BytesSection.binary("response", "responseBase64");

    private static final Section<GrpcReply> GRPC_RESPONSE_KEYS =
            GRPC_RESPONSE.on(GrpcReply::response);
    private static final Sections<GrpcReply> GRPC =
            Sections.of(
                            GRPC_STATUS,
                            GRPC_MESSAGE,
                            GRPC_RESPONSE_KEYS,
                            INITIAL_METADATA,
                            TRAILING_METADATA)
                    .writing(INITIAL_METADATA, GRPC_RESPONSE_KEYS);

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
    private static final Key<ClusterSpec, MockTcpSpec> TCP_KEY =
            Key.of("tcp", TcpMockSections.MOCK, ClusterSpec::tcp, null);
    private static final Key<ClusterSpec, Long> REPLY_WAIT =
            Key.of(
                    "replyWait",
                    Values.DURATION,
                    ClusterSpec::replyWaitMillis,
                    ClusterSpec.DEFAULT_REPLY_WAIT_MILLIS);
    private static final Sections<ClusterSpec> CLUSTER =
            Sections.of(MOCK_KEY, URL_KEY, TCP_KEY, REPLY_WAIT);

    @Override
    public List<String> keys() {
        return List.of(CLUSTERS_KEY, ROUTE_KEY);
    }

    @Override
    public void read(Fields in, Draft into) {
        // listener: is read before clusters: it says which kind of cluster a route takes.
        boolean tcp = into.get(ScenarioSections.LISTENER) == Listener.TCP;
        Map<String, ClusterSpec> clusters = clusters(in);
        String route = routeOrFirst(in, clusters, tcp);
        if (route == null) {
            route = clusters.isEmpty() ? "backend" : clusters.keySet().iterator().next();
        }
        if (!clusters.containsKey(route) && !in.has(ROUTE_KEY) && clusters.isEmpty()) {
            clusters.put(
                    route, ClusterSpec.defaultBackend(route, tcp ? Listener.TCP : Listener.HTTP));
        }
        checkRoute(in, clusters, route, tcp);
        into.put(CLUSTERS, Collections.unmodifiableMap(clusters));
        into.put(ROUTE, route);
    }

    /**
     * The {@code route:} of {@code in}, or by default the first cluster of the listener's kind (TCP
     * for a TCP listener); null when there is neither.
     */
    static String routeOrFirst(Fields in, Map<String, ClusterSpec> clusters, boolean tcp) {
        if (in.has(ROUTE_KEY)) {
            return in.read(ROUTE_KEY, Values.TEXT);
        }
        return clusters.values().stream()
                .filter(c -> c.isTcp() == tcp)
                .map(ClusterSpec::name)
                .findFirst()
                .orElse(null);
    }

    /**
     * A route names a cluster, of its listener's kind: an HTTP listener routes to an HTTP cluster,
     * a TCP proxy connects to a TCP one.
     */
    static void checkRoute(
            Fields in, Map<String, ClusterSpec> clusters, String route, boolean tcp) {
        ClusterSpec c = clusters.get(route);
        if (c == null) {
            throw in.error(
                    ROUTE_KEY,
                    "no cluster named '" + route + "' (clusters: " + clusters.keySet() + ")");
        }
        if (c.isTcp() != tcp) {
            throw in.error(
                    ROUTE_KEY,
                    tcp
                            ? "cluster '"
                                    + route
                                    + "' is an HTTP cluster; a tcp listener proxies to a TCP"
                                    + " cluster (tcp: or url: tcp://host:port)"
                            : "cluster '"
                                    + route
                                    + "' is a TCP cluster; an http listener routes to an HTTP"
                                    + " cluster (mock: or an http(s) url:), or say listener: tcp");
        }
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
            c.requireMap("must be a map with mock:, url: or tcp:").allow(CLUSTER.keys());
            int kinds =
                    (c.has(MOCK_KEY.name()) ? 1 : 0)
                            + (c.has(URL) ? 1 : 0)
                            + (c.has(TCP_KEY.name()) ? 1 : 0);
            if (kinds != 1) {
                throw c.error("give exactly one of mock:, url: or tcp:");
            }
            Draft d = new Draft();
            CLUSTER.read(c, d);
            String url = d.get(URL_KEY);
            if (url != null) {
                checkUrl(c, url);
            }
            if (c.has(REPLY_WAIT.name()) && !ClusterSpec.isTcpUrl(url)) {
                throw c.error(
                        REPLY_WAIT.name(),
                        "replyWait is how long to wait for a real TCP server (url: tcp://...)");
            }
            out.put(
                    e.getKey(),
                    new ClusterSpec(
                            e.getKey(), d.get(MOCK_KEY), url, d.get(TCP_KEY), d.get(REPLY_WAIT)));
        }
        return out;
    }

    /** An {@code http(s)://} URL, or {@code tcp://host:port} for a real TCP server. */
    private static void checkUrl(Fields c, String url) {
        if (!ClusterSpec.isTcpUrl(url)) {
            if (okhttp3.HttpUrl.parse(url) == null) {
                throw c.error(URL, "not an http(s) or tcp:// URL: '" + url + "'");
            }
            return;
        }
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            u = null;
        }
        if (u == null
                || u.getHost() == null
                || u.getPort() < 1
                || u.getPort() > 65535
                || !(u.getRawPath() == null || u.getRawPath().matches("/?"))
                || u.getRawQuery() != null
                || u.getRawUserInfo() != null) {
            throw c.error(URL, "not a tcp://host:port address: '" + url + "'");
        }
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
}
