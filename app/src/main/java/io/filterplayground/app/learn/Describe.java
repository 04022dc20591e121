package io.filterplayground.app.learn;

import io.filterplayground.engine.scenario.Durations;
import java.util.Map;
import java.util.StringJoiner;

/** Goals in plain words: "a 403 local reply to \"mallory\"". */
final class Describe {
    private Describe() {}

    static String of(Goal g) {
        if (g instanceof Goal.Response r) {
            return response(r);
        } else if (g instanceof Goal.Connection c) {
            return connection(c);
        } else if (g instanceof Goal.Callback c) {
            return callback(c);
        } else if (g instanceof Goal.Hostcall h) {
            return hostcall(h);
        } else if (g instanceof Goal.Log l) {
            return log(l);
        } else if (g instanceof Goal.Trap t) {
            return trap(t);
        } else if (g instanceof Goal.Stream s) {
            return stream(s);
        } else if (g instanceof Goal.Vm v) {
            return vm(v);
        } else if (g instanceof Goal.Order o) {
            return order(o);
        } else if (g instanceof Goal.Vms v) {
            return vms(v);
        }
        return "the clock advanced by " + Durations.display(((Goal.Advanced) g).millis());
    }

    /**
     * A finished request in one line: {@code "mallory" GET / → 403 local reply (...) on worker-0}.
     */
    static String outcome(io.filterplayground.engine.Exchange x) {
        var r = x.response();
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

    private static String response(Goal.Response g) {
        StringBuilder sb = new StringBuilder(times(g.count(), "a response", "responses"));
        if (g.status() != null) {
            sb.append(" ").append(g.status());
        }
        if (Boolean.TRUE.equals(g.localReply())) {
            sb.append(" (local reply)");
        } else if (Boolean.FALSE.equals(g.localReply())) {
            sb.append(" (not a local reply)");
        }
        sb.append(" to ").append(g.request() == null ? "a request" : q(g.request()));
        opt(sb, " for ", g.path());
        map(sb, " with request headers ", g.requestHeaders());
        opt(sb, " on ", g.worker());
        opt(sb, ", details containing ", g.detailsContains());
        if (g.upstreamReached() != null) {
            sb.append(
                    g.upstreamReached() ? ", the upstream reached" : ", the upstream not reached");
        }
        map(sb, ", the upstream seeing ", g.upstreamHeaders());
        if (g.absentUpstreamHeaders() != null && !g.absentUpstreamHeaders().isEmpty()) {
            sb.append(", the upstream not seeing ")
                    .append(String.join(", ", g.absentUpstreamHeaders()));
        }
        map(sb, ", the client getting ", g.responseHeaders());
        opt(sb, ", a body containing ", g.bodyContains());
        return sb.toString();
    }

    private static String connection(Goal.Connection g) {
        StringBuilder sb = new StringBuilder(times(g.count(), "a connection", "connections"));
        opt(sb, " ", g.connection() == null ? null : q(g.connection()));
        opt(sb, " closed by ", g.closedBy());
        opt(sb, ", the client receiving ", g.receivedContains());
        opt(sb, ", the upstream receiving ", g.upstreamReceivedContains());
        return sb.toString();
    }

    private static String callback(Goal.Callback g) {
        StringBuilder sb = new StringBuilder(g.name());
        opt(sb, " of ", g.filter());
        opt(sb, " on a ", g.context() == null ? null : g.context() + " context");
        opt(sb, " on ", g.thread());
        opt(sb, " returning ", g.result());
        return sb + count(g.count());
    }

    private static String hostcall(Goal.Hostcall g) {
        StringBuilder sb = new StringBuilder(g.name());
        opt(sb, " by ", g.filter());
        opt(sb, " answering ", g.result());
        opt(sb, ", hint containing ", g.hintContains());
        return sb + count(g.count());
    }

    private static String log(Goal.Log g) {
        StringBuilder sb = new StringBuilder("a log line");
        opt(sb, " containing ", g.contains() == null ? null : q(g.contains()));
        opt(sb, " from ", g.filter());
        opt(sb, " at ", g.level());
        opt(sb, " on ", g.thread());
        return sb + count(g.count());
    }

    private static String trap(Goal.Trap g) {
        StringBuilder sb = new StringBuilder("a trap");
        opt(sb, " in ", g.filter());
        opt(sb, " during ", g.callback());
        opt(
                sb,
                " where the failure policy ",
                g.effectContains() == null ? null : q(g.effectContains()));
        return sb + count(g.count());
    }

    private static String stream(Goal.Stream g) {
        StringBuilder sb = new StringBuilder("the stream note " + g.what());
        opt(sb, " for ", g.filter());
        opt(sb, " saying ", g.detailContains() == null ? null : q(g.detailContains()));
        return sb + count(g.count());
    }

    private static String vm(Goal.Vm g) {
        StringBuilder sb = new StringBuilder("a VM " + g.state());
        opt(sb, ": ", g.vm());
        opt(sb, " on ", g.thread());
        return sb + count(g.count());
    }

    private static String order(Goal.Order g) {
        return String.join(" → ", g.callbacks())
                + (g.filter() == null ? "" : " in " + g.filter())
                + ", in this order";
    }

    private static String vms(Goal.Vms g) {
        return g.count()
                + " VM(s)"
                + (g.module() == null ? "" : " of " + g.module())
                + " on "
                + (g.thread() == null ? "one thread" : g.thread());
    }

    private static String times(int count, String one, String many) {
        return count <= 1 ? one : count + " " + many;
    }

    private static String count(int count) {
        return count <= 1 ? "" : " (" + count + " times)";
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    private static void opt(StringBuilder sb, String prefix, String value) {
        if (value != null) {
            sb.append(prefix).append(value);
        }
    }

    private static void map(StringBuilder sb, String prefix, Map<String, String> m) {
        if (m == null || m.isEmpty()) {
            return;
        }
        StringJoiner j = new StringJoiner(", ");
        m.forEach((k, v) -> j.add(k + ": " + v));
        sb.append(prefix).append(j);
    }
}
