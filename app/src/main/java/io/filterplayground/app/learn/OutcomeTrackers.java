package io.filterplayground.app.learn;

import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The trackers of goals about what requests and connections ended with. */
final class OutcomeTrackers {
    private OutcomeTrackers() {}

    static final class ResponseTracker extends Counting {
        private final Goal.Response goal;

        ResponseTracker(Goal.Response goal) {
            super(goal.count());
            this.goal = goal;
        }

        @Override
        public void exchange(Exchange x) {
            HttpResponse r = x.response();
            if (r == null || !requestMatches(x)) {
                return;
            }
            boolean upstream = x.upstreamRequest() != null;
            if ((goal.status() == null || goal.status() == r.status())
                    && (goal.localReply() == null || goal.localReply() == r.localReply())
                    && contains(goal.detailsContains(), r.details())
                    && (goal.upstreamReached() == null || goal.upstreamReached() == upstream)
                    && has(r.headers(), goal.responseHeaders())
                    && (goal.upstreamHeaders() == null
                            || (upstream
                                    && has(x.upstreamRequest().headers(), goal.upstreamHeaders())))
                    && (goal.absentUpstreamHeaders() == null
                            || (upstream
                                    && goal.absentUpstreamHeaders().stream()
                                            .noneMatch(x.upstreamRequest().headers()::contains)))
                    && contains(goal.bodyContains(), r.bodyText())) {
                matched(x.streamId(), outcome(x));
            }
        }

        private boolean requestMatches(Exchange x) {
            return matches(goal.request(), x.name())
                    && matches(goal.path(), x.request().path())
                    && matches(goal.worker(), x.worker())
                    && has(x.request().headers(), goal.requestHeaders());
        }

        private static boolean has(Headers headers, Map<String, String> expected) {
            if (expected == null) {
                return true;
            }
            for (Map.Entry<String, String> e : expected.entrySet()) {
                if (!headers.all(e.getKey()).contains(e.getValue())) {
                    return false;
                }
            }
            return true;
        }

        static String outcome(Exchange x) {
            HttpResponse r = x.response();
            String status = r.reset() ? "reset" : Integer.toString(r.status());
            return "\""
                    + x.name()
                    + "\" "
                    + x.request().method()
                    + " "
                    + x.request().path()
                    + " → "
                    + status
                    + (r.localReply() ? " local reply" : "")
                    + (r.details() == null ? "" : " (" + r.details() + ")")
                    + " on "
                    + x.worker();
        }
    }

    static final class ConnectionTracker extends Counting {
        private final Goal.Connection goal;

        ConnectionTracker(Goal.Connection goal) {
            super(goal.count());
            this.goal = goal;
        }

        @Override
        public void connection(ConnectionResult c) {
            String received = new String(c.received(), StandardCharsets.UTF_8);
            String upstream = new String(c.upstreamReceived(), StandardCharsets.UTF_8);
            if (matches(goal.connection(), c.name())
                    && matches(goal.closedBy(), c.closedBy())
                    && contains(goal.receivedContains(), received)
                    && contains(goal.upstreamReceivedContains(), upstream)) {
                matched(
                        c.connectionId(),
                        "\""
                                + c.name()
                                + "\" on "
                                + c.worker()
                                + ", closed by "
                                + c.closedBy()
                                + ", the client got "
                                + io.filterplayground.app.editor.Bytes.escape(c.received()));
            }
        }
    }
}
