package io.filterplayground.app.learn;

import java.util.List;
import java.util.Map;

/**
 * What must have happened for a step to be met: a small declarative vocabulary over what the engine
 * reports (the README's "Learn" section lists the keys). Text fields match exactly unless their
 * name ends in {@code Contains}; a null field matches anything; {@code count} is "at least". Each
 * goal is met once it has been true at some point since the lesson started (state goals such as
 * {@link Vms} look at the engine since its last restart).
 */
public sealed interface Goal {
    /** The goal in plain words, for hints and the command line. */
    default String describe() {
        return Describe.of(this);
    }

    /** A fresh watcher of this goal. */
    default Tracker tracker() {
        return Trackers.of(this);
    }

    /** A finished request whose response (and request) match. */
    record Response(
            String request,
            String path,
            Map<String, String> requestHeaders,
            String worker,
            Integer status,
            Boolean localReply,
            String detailsContains,
            Boolean upstreamReached,
            Map<String, String> responseHeaders,
            Map<String, String> upstreamHeaders,
            List<String> absentUpstreamHeaders,
            String bodyContains,
            int count)
            implements Goal {}

    /** A finished TCP connection that matches. */
    record Connection(
            String connection,
            String closedBy,
            String receivedContains,
            String upstreamReceivedContains,
            int count)
            implements Goal {}

    /**
     * A callback ran ({@code proxy_on_tick}; {@code on_tick} and {@code tick} say the same), on a
     * {@code root} or {@code stream} context if {@code context} says so.
     */
    record Callback(
            String name, String filter, String thread, String result, String context, int count)
            implements Goal {}

    /** A hostcall was made, with that status. */
    record Hostcall(String name, String filter, String result, String hintContains, int count)
            implements Goal {}

    /** A log line (not a suppressed one) was written. */
    record Log(String contains, String filter, String thread, String level, int count)
            implements Goal {}

    /** A guest call trapped; {@code effectContains} matches what the failure policy did. */
    record Trap(String filter, String callback, String effectContains, int count) implements Goal {}

    /**
     * A stream's own note: {@code paused}, {@code resumed}, {@code local_reply}, {@code skipped},
     * {@code reset}, {@code note}...
     */
    record Stream(String what, String filter, String detailContains, int count) implements Goal {}

    /** A VM lifecycle step: {@code created}, {@code failed}, {@code reloaded}... */
    record Vm(String state, String vm, String thread, int count) implements Goal {}

    /** These callbacks ran in this order (others may come between) in one VM. */
    record Order(String filter, List<String> callbacks) implements Goal {
        public Order {
            callbacks = List.copyOf(callbacks);
        }
    }

    /**
     * At least {@code count} VMs live on a thread ({@code worker-1}, {@code main}; null: any one
     * thread), of {@code module} if given. Envoy's canary VMs do not count.
     */
    record Vms(String thread, String module, int count) implements Goal {}

    /** The virtual clock was moved by at least this much in all. */
    record Advanced(long millis) implements Goal {}
}
