package io.filterplayground.app.response;

import io.filterplayground.app.editor.Bytes;
import io.filterplayground.app.timeline.TimelineRow;
import io.filterplayground.app.workspace.RecordedExchange;
import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.HttpResponse;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.TraceEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The response of the selected exchange: status, whether the proxy made it (local reply, and why),
 * headers, body, total time and the time spent in each filter. For a TCP connection: the bytes the
 * client and the upstream received (as text or hex), and who closed it and why.
 */
public final class ResponseViewModel {
    /** Time spent in one filter, as a share of the slowest filter (for the bar). */
    public record FilterTime(String filter, long nanos, double share) {
        public String label() {
            return TimelineRow.formatNanos(nanos);
        }
    }

    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty statusClass = new SimpleStringProperty("none");
    private final StringProperty reply =
            new SimpleStringProperty("Send a request to see the response.");
    private final BooleanProperty localReply = new SimpleBooleanProperty(false);
    private final StringProperty totalTime = new SimpleStringProperty("");
    private final StringProperty body = new SimpleStringProperty("");
    private final StringProperty upstream = new SimpleStringProperty("");
    private final ObservableList<Header> headers = FXCollections.observableArrayList();
    private final ObservableList<FilterTime> filterTimes = FXCollections.observableArrayList();
    private final BooleanProperty connection = new SimpleBooleanProperty(false);
    private final BooleanProperty hex = new SimpleBooleanProperty(false);
    private final StringProperty received = new SimpleStringProperty("");
    private final StringProperty upstreamReceived = new SimpleStringProperty("");
    private byte[] receivedBytes = new byte[0];
    private byte[] upstreamBytes = new byte[0];

    public ResponseViewModel() {
        hex.addListener((o, a, b) -> renderBytes());
    }

    public void show(RecordedExchange recorded) {
        if (recorded == null) {
            status.set("");
            statusClass.set("none");
            reply.set("Send a request to see the response.");
            localReply.set(false);
            totalTime.set("");
            body.set("");
            upstream.set("");
            headers.clear();
            filterTimes.clear();
            connection.set(false);
            showBytes(new byte[0], new byte[0]);
            return;
        }
        connection.set(recorded.isConnection());
        if (recorded.isConnection()) {
            showConnection(recorded);
            return;
        }
        showBytes(new byte[0], new byte[0]);
        Exchange x = recorded.exchange();
        HttpResponse r = x.response();
        if (recorded.pending()) {
            status.set("…");
            statusClass.set("info");
            reply.set(
                    "No response yet: the request is waiting"
                            + (recorded.waiting().isEmpty() ? "" : " (" + recorded.waiting() + ")")
                            + ". On the virtual clock, Advance lets it go on.");
            localReply.set(false);
            headers.clear();
            body.set("");
            totalTime.set("in flight on " + x.worker());
            upstream.set("");
            filterTimes.clear();
            return;
        }
        if (r == null || r.reset()) {
            status.set("reset");
            statusClass.set("error");
            reply.set(r == null ? "no response" : "stream reset: " + r.details() + flags(r));
            localReply.set(false);
            headers.clear();
            body.set("");
        } else {
            status.set(Integer.toString(r.status()));
            statusClass.set(
                    r.status() >= 500
                            ? "error"
                            : r.status() >= 400
                                    ? "warning"
                                    : r.status() >= 300 ? "info" : "success");
            localReply.set(r.localReply());
            reply.set(
                    (r.localReply()
                                    ? "local reply by the proxy (" + r.details() + ")"
                                    : "from the upstream (" + r.details() + ")")
                            + flags(r));
            headers.setAll(r.headers().entries());
            body.set(new String(r.body(), StandardCharsets.UTF_8));
        }
        totalTime.set(TimelineRow.formatNanos(x.totalNanos()) + " total on " + x.worker());
        upstream.set(
                x.upstreamRequest() == null
                        ? "The request never reached the upstream."
                        : "Upstream cluster "
                                + x.upstreamRequest().cluster()
                                + " received "
                                + x.upstreamRequest().headers().size()
                                + " headers and "
                                + x.upstreamRequest().body().length
                                + " body bytes.");
        showTimes(recorded);
    }

    /** A connection: who closed it and why, and what each side received. */
    private void showConnection(RecordedExchange recorded) {
        ConnectionResult c = recorded.connection();
        localReply.set(false);
        headers.clear();
        body.set("");
        if (recorded.pending()) {
            status.set("…");
            statusClass.set("info");
            reply.set(
                    "The connection is still open"
                            + (recorded.waiting().isEmpty() ? "" : " (" + recorded.waiting() + ")")
                            + ": nothing received yet. On the virtual clock, Advance lets it go"
                            + " on.");
            totalTime.set("in flight on " + c.worker());
            upstream.set("");
            filterTimes.clear();
            showBytes(new byte[0], new byte[0]);
            return;
        }
        String by = String.valueOf(c.closedBy());
        status.set("closed");
        statusClass.set(
                by.equals("downstream") || by.equals("upstream")
                        ? "success"
                        : recorded.chain().contains(by) ? "warning" : "info");
        reply.set(
                "closed by "
                        + (recorded.chain().contains(by) ? "the filter " + by : "the " + by)
                        + closeReason(recorded.events()));
        totalTime.set(TimelineRow.formatNanos(c.totalNanos()) + " total on " + c.worker());
        upstream.set(
                "The client received "
                        + c.received().length
                        + " byte(s); the upstream received "
                        + c.upstreamReceived().length
                        + " byte(s).");
        showBytes(c.received(), c.upstreamReceived());
        showTimes(recorded);
    }

    /**
     * {@code — both sides ended their streams}: why the connection closed, from its close note
     * ({@code local close by upstream: both sides ended their streams: the connection closes}).
     */
    private static String closeReason(List<TraceEvent> events) {
        for (TraceEvent e : events) {
            if (e instanceof StreamEvent s && s.what().equals("close") && s.detail() != null) {
                String[] parts = s.detail().split(": ");
                return parts.length < 2 ? "" : " — " + parts[1];
            }
        }
        return "";
    }

    private void showBytes(byte[] client, byte[] server) {
        receivedBytes = client;
        upstreamBytes = server;
        renderBytes();
    }

    private void renderBytes() {
        // Escaped, so that a \r shows (a text area would drop it).
        received.set(hex.get() ? Bytes.dump(receivedBytes) : Bytes.escapeLines(receivedBytes));
        upstreamReceived.set(
                hex.get() ? Bytes.dump(upstreamBytes) : Bytes.escapeLines(upstreamBytes));
    }

    private void showTimes(RecordedExchange recorded) {
        Map<String, Long> nanos = recorded.filterNanos();
        List<FilterTime> times = new ArrayList<>();
        long max = nanos.values().stream().mapToLong(Long::longValue).max().orElse(1);
        for (String f : recorded.chain()) {
            long n = nanos.getOrDefault(f, 0L);
            times.add(new FilterTime(f, n, max == 0 ? 0 : (double) n / max));
        }
        for (Map.Entry<String, Long> e : nanos.entrySet()) {
            if (!recorded.chain().contains(e.getKey())) {
                times.add(new FilterTime(e.getKey(), e.getValue(), (double) e.getValue() / max));
            }
        }
        filterTimes.setAll(times);
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** {@code success}, {@code info}, {@code warning}, {@code error} or {@code none}. */
    public StringProperty statusClassProperty() {
        return statusClass;
    }

    public StringProperty replyProperty() {
        return reply;
    }

    public BooleanProperty localReplyProperty() {
        return localReply;
    }

    public StringProperty totalTimeProperty() {
        return totalTime;
    }

    public StringProperty bodyProperty() {
        return body;
    }

    public StringProperty upstreamProperty() {
        return upstream;
    }

    public ObservableList<Header> headers() {
        return headers;
    }

    public ObservableList<FilterTime> filterTimes() {
        return filterTimes;
    }

    /** True while a TCP connection is shown (its bytes rather than headers and body). */
    public BooleanProperty connectionProperty() {
        return connection;
    }

    /** The received bytes as a hex dump rather than text. */
    public BooleanProperty hexProperty() {
        return hex;
    }

    /** The bytes the client received, as text (a {@code \r} escaped) or a hex dump. */
    public StringProperty receivedProperty() {
        return received;
    }

    /** The bytes the upstream received, as text or hex. */
    public StringProperty upstreamReceivedProperty() {
        return upstreamReceived;
    }

    /** Envoy's response flags, as its access logs print them, when there are any. */
    private static String flags(HttpResponse r) {
        return r.flags().isEmpty() ? "" : ", response flags " + r.flags();
    }
}
