package io.filterplayground.engine.server;

import io.filterplayground.engine.runtime.Activity;
import io.filterplayground.engine.runtime.PlaygroundClock;
import io.filterplayground.engine.scenario.ClusterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.upstream.Cluster;
import io.filterplayground.engine.upstream.Clusters;
import io.filterplayground.engine.upstream.HttpCluster;
import io.filterplayground.engine.upstream.MockCluster;
import io.filterplayground.engine.upstream.MockTcpCluster;
import io.filterplayground.engine.upstream.RealTcpCluster;
import io.filterplayground.engine.upstream.TcpCluster;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** A scenario's clusters made real: HTTP mocks and servers, TCP mocks and servers. */
public final class UpstreamClusters {
    /** Connecting to a real TCP server gives up after this, as a connect timeout would. */
    static final int TCP_CONNECT_TIMEOUT_MILLIS = 5000;

    private static final OkHttpClient HTTP =
            new OkHttpClient.Builder()
                    .connectTimeout(5, TimeUnit.SECONDS)
                    .readTimeout(15, TimeUnit.SECONDS)
                    .build();

    private UpstreamClusters() {}

    /** The HTTP clusters: the route of an HTTP listener and every callout's upstream. */
    public static Clusters http(Scenario scenario, PlaygroundClock clock, Activity activity) {
        Map<String, Cluster> byName = new LinkedHashMap<>();
        for (ClusterSpec c : scenario.clusters().values()) {
            if (!c.isTcp()) {
                byName.put(
                        c.name(),
                        c.mock() != null
                                ? new MockCluster(c.name(), c.mock(), clock)
                                : new HttpCluster(c.name(), HttpUrl.get(c.url()), HTTP, activity));
            }
        }
        return new Clusters(byName);
    }

    /** The TCP clusters a TCP proxy can connect to. */
    public static Map<String, TcpCluster> tcp(Scenario scenario, Activity activity) {
        Map<String, TcpCluster> byName = new LinkedHashMap<>();
        for (ClusterSpec c : scenario.clusters().values()) {
            if (c.tcp() != null) {
                byName.put(c.name(), new MockTcpCluster(c.name(), c.tcp()));
            } else if (c.isTcp()) {
                URI u = URI.create(c.url());
                byName.put(
                        c.name(),
                        new RealTcpCluster(
                                c.name(),
                                u.getHost(),
                                u.getPort(),
                                activity,
                                TCP_CONNECT_TIMEOUT_MILLIS,
                                c.replyWaitMillis()));
            }
        }
        return byName;
    }
}
