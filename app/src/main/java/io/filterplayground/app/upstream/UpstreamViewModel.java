package io.filterplayground.app.upstream;

import io.filterplayground.app.request.HeaderRow;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.scenario.ClusterSpec;
import io.filterplayground.engine.upstream.MockSpec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The upstream clusters: the route (where requests go after the last filter) and, for the cluster
 * being edited, a mock reply (status, headers, body, echo, delay) or a real URL. Field edits are
 * written back to the cluster at once and announced through {@code onChange}.
 */
public final class UpstreamViewModel {
    private final Map<String, ClusterSpec> clusters = new LinkedHashMap<>();
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final StringProperty route = new SimpleStringProperty("backend");
    private final StringProperty editing = new SimpleStringProperty("backend");
    private final BooleanProperty useUrl = new SimpleBooleanProperty(false);
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("200");
    private final ObservableList<HeaderRow> headers = HeaderRow.observableList();
    private final StringProperty body = new SimpleStringProperty("");
    private final BooleanProperty echo = new SimpleBooleanProperty(false);
    private final StringProperty delayMillis = new SimpleStringProperty("0");
    private final StringProperty message = new SimpleStringProperty("");
    private Runnable onChange = () -> {};
    private boolean filling;

    public UpstreamViewModel() {
        editing.addListener((o, a, b) -> fill());
        route.addListener((o, a, b) -> changed());
        for (var p : List.of(useUrl, echo)) {
            p.addListener((o, a, b) -> store());
        }
        for (var p : List.of(url, status, body, delayMillis)) {
            p.addListener((o, a, b) -> store());
        }
        headers.addListener((javafx.collections.ListChangeListener<HeaderRow>) c -> store());
    }

    public void setOnChange(Runnable r) {
        onChange = r;
    }

    private static final String TCP_CLUSTER =
            "A TCP cluster (tcp: or url: tcp://): edit it in the scenario file.";

    public void load(Map<String, ClusterSpec> specs, String routeName) {
        filling = true;
        try {
            clusters.clear();
            clusters.putAll(specs);
            names.setAll(specs.keySet());
            route.set(routeName);
            editing.set(null);
            editing.set(routeName);
        } finally {
            filling = false;
        }
        fill();
    }

    public void addCluster(String name) {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty() || clusters.containsKey(n)) {
            message.set(
                    n.isEmpty() ? "Give the cluster a name." : "A cluster named " + n + " exists.");
            return;
        }
        clusters.put(
                n,
                new ClusterSpec(
                        n,
                        new MockSpec(
                                200, Headers.empty(), List.of(), Headers.empty(), false, 0, null),
                        null));
        names.add(n);
        editing.set(n);
        changed();
    }

    private void fill() {
        ClusterSpec c = editing.get() == null ? null : clusters.get(editing.get());
        if (c == null) {
            return;
        }
        boolean was = filling;
        filling = true;
        try {
            useUrl.set(c.url() != null);
            url.set(c.url() == null ? "http://127.0.0.1:8080" : c.url());
            MockSpec m = c.mock() == null ? defaultMock() : c.mock();
            status.set(Integer.toString(m.status()));
            headers.setAll(HeaderRow.rows(m.headers()));
            StringBuilder sb = new StringBuilder();
            m.bodyChunks().forEach(b -> sb.append(new String(b, StandardCharsets.UTF_8)));
            body.set(sb.toString());
            echo.set(m.echo());
            delayMillis.set(Long.toString(m.delayMillis()));
            message.set(c.isTcp() ? TCP_CLUSTER : "");
        } finally {
            filling = was;
        }
    }

    private static MockSpec defaultMock() {
        return new MockSpec(200, Headers.empty(), List.of(), Headers.empty(), false, 0, null);
    }

    /** Writes the edited fields back into the cluster; a bad field leaves it as it was. */
    private void store() {
        if (filling || editing.get() == null) {
            return;
        }
        String n = editing.get();
        ClusterSpec old = clusters.get(n);
        if (old != null && old.isTcp()) {
            message.set(TCP_CLUSTER); // the fields here describe HTTP upstreams only
            return;
        }
        try {
            ClusterSpec spec;
            if (useUrl.get()) {
                String u = url.get() == null ? "" : url.get().trim();
                if (!isHttpUrl(u)) {
                    throw new IllegalArgumentException("URL: not an http(s) URL: '" + u + "'");
                }
                spec = new ClusterSpec(n, null, u);
            } else {
                int s;
                try {
                    s = Integer.parseInt(status.get().trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "Status: '" + status.get() + "' is not a number");
                }
                if (s < 100 || s > 599) {
                    throw new IllegalArgumentException("Status: must be between 100 and 599");
                }
                long delay;
                try {
                    delay = Long.parseLong(delayMillis.get().trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "Delay: '" + delayMillis.get() + "' is not a number of ms");
                }
                MockSpec prev = old != null && old.mock() != null ? old.mock() : defaultMock();
                String b = body.get() == null ? "" : body.get();
                spec =
                        new ClusterSpec(
                                n,
                                new MockSpec(
                                        s,
                                        HeaderRow.headers(headers, "Headers"),
                                        b.isEmpty()
                                                ? List.of()
                                                : List.of(b.getBytes(StandardCharsets.UTF_8)),
                                        prev.trailers(),
                                        echo.get(),
                                        Math.max(0, delay),
                                        prev.grpc()),
                                null);
            }
            message.set("");
            if (!spec.equals(old)) {
                clusters.put(n, spec);
                changed();
            }
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
        }
    }

    static boolean isHttpUrl(String u) {
        try {
            java.net.URI uri = new java.net.URI(u);
            return ("http".equalsIgnoreCase(uri.getScheme())
                            || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private void changed() {
        if (!filling) {
            onChange.run();
        }
    }

    public Map<String, ClusterSpec> clusters() {
        return Map.copyOf(clusters);
    }

    /** The clusters in the order they were defined. */
    public Map<String, ClusterSpec> orderedClusters() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
    }

    public ObservableList<String> names() {
        return names;
    }

    public StringProperty routeProperty() {
        return route;
    }

    public StringProperty editingProperty() {
        return editing;
    }

    public BooleanProperty useUrlProperty() {
        return useUrl;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObservableList<HeaderRow> headers() {
        return headers;
    }

    public StringProperty bodyProperty() {
        return body;
    }

    public BooleanProperty echoProperty() {
        return echo;
    }

    public StringProperty delayMillisProperty() {
        return delayMillis;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
