package io.filterplayground.engine.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Envoy's shared queues (cpp-host {@code SharedQueue}): keyed by (vm_id, name), process-global
 * tokens never 0, one subscriber per queue (the latest registrant wins, items are kept), {@code
 * enqueue} posts a notification to the subscriber's loop.
 */
public final class SharedQueues {
    /** Who gets {@code proxy_on_queue_ready}: a VM's root context, reached on its own loop. */
    public interface Subscriber {
        /** Posts the notification to the subscriber's loop; must not run guest code inline. */
        void notifyReady(int token);

        String describe();
    }

    /** A row of the inspector and the JSON result. */
    public record Row(
            int token,
            String vmId,
            String name,
            int depth,
            long enqueued,
            long dequeued,
            String subscriber) {}

    private static final class Queue {
        final int token;
        final String vmId;
        final String name;
        final ArrayDeque<byte[]> items = new ArrayDeque<>();
        Subscriber subscriber;
        long enqueued;
        long dequeued;

        Queue(int token, String vmId, String name) {
            this.token = token;
            this.vmId = vmId;
            this.name = name;
        }
    }

    private final Map<String, Queue> byKey = new HashMap<>();
    private final Map<Integer, Queue> byToken = new HashMap<>();
    private int nextToken = 1;

    /** Creates or reopens the queue and makes the caller its subscriber. */
    public synchronized int register(String vmId, String name, Subscriber subscriber) {
        Queue q =
                byKey.computeIfAbsent(
                        vmId + "\u0000" + name,
                        k -> {
                            Queue created = new Queue(nextToken++, vmId, name);
                            byToken.put(created.token, created);
                            return created;
                        });
        q.subscriber = subscriber;
        return q.token;
    }

    /** The token of an existing queue, or 0. */
    public synchronized int resolve(String vmId, String name) {
        Queue q = byKey.get(vmId + "\u0000" + name);
        return q == null ? 0 : q.token;
    }

    /** False when the token is unknown. Notifies the subscriber, if any. */
    public boolean enqueue(int token, byte[] value) {
        Subscriber s;
        synchronized (this) {
            Queue q = byToken.get(token);
            if (q == null) {
                return false;
            }
            q.items.add(value.clone());
            q.enqueued++;
            s = q.subscriber;
        }
        if (s != null) {
            s.notifyReady(token);
        }
        return true;
    }

    /** Dequeue outcome: the item, or EMPTY / NOT_FOUND. */
    public record Dequeued(byte[] value, boolean found) {}

    public synchronized Dequeued dequeue(int token) {
        Queue q = byToken.get(token);
        if (q == null) {
            return new Dequeued(null, false);
        }
        byte[] v = q.items.poll();
        if (v != null) {
            q.dequeued++;
        }
        return new Dequeued(v, true);
    }

    public synchronized List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Queue q : byToken.values()) {
            rows.add(
                    new Row(
                            q.token,
                            q.vmId,
                            q.name,
                            q.items.size(),
                            q.enqueued,
                            q.dequeued,
                            q.subscriber == null ? "none" : q.subscriber.describe()));
        }
        rows.sort((a, b) -> Integer.compare(a.token(), b.token()));
        return rows;
    }
}
