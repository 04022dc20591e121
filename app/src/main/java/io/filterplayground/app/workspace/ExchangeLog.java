package io.filterplayground.app.workspace;

import io.filterplayground.engine.http.HttpResponse;
import io.filterplayground.engine.trace.TrapEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the playground remembers of the requests and connections it sent: the latest {@link #KEEP}
 * in full, and for all of them only counts (status histogram, who closed the connections,
 * per-worker totals, local replies, traps). This is what keeps memory bounded during a burst of any
 * size. Thread-safe.
 */
public final class ExchangeLog {
    public static final int KEEP = 200;

    /**
     * The counts over every exchange since the last {@link #clear}: {@code total} requests and
     * connections together, {@code statuses} of the requests, {@code closedBy} of the connections.
     */
    public record Stats(
            long total,
            Map<Integer, Long> statuses,
            Map<String, Long> closedBy,
            Map<String, Long> workers,
            long localReplies,
            long traps,
            long totalNanos) {
        public static final Stats EMPTY = new Stats(0, Map.of(), Map.of(), Map.of(), 0, 0, 0);

        public long requests() {
            return statuses.values().stream().mapToLong(Long::longValue).sum();
        }

        public long connections() {
            return closedBy.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final int keep;
    private final ArrayDeque<RecordedExchange> recent = new ArrayDeque<>();
    private final TreeMap<Integer, Long> statuses = new TreeMap<>();
    private final TreeMap<String, Long> closedBy = new TreeMap<>();
    private final TreeMap<String, Long> workers = new TreeMap<>();
    private long total;
    private long localReplies;
    private long traps;
    private long totalNanos;

    public ExchangeLog() {
        this(KEEP);
    }

    public ExchangeLog(int keep) {
        this.keep = keep;
    }

    public synchronized void add(RecordedExchange x) {
        recent.addLast(x);
        while (recent.size() > keep) {
            recent.removeFirst();
        }
        total++;
        if (x.isConnection()) {
            closedBy.merge(String.valueOf(x.connection().closedBy()), 1L, Long::sum);
        } else {
            HttpResponse r = x.exchange().response();
            statuses.merge(r == null || r.reset() ? 0 : r.status(), 1L, Long::sum);
            if (r != null && r.localReply()) {
                localReplies++;
            }
        }
        workers.merge(x.worker(), 1L, Long::sum);
        if (x.events().stream().anyMatch(e -> e instanceof TrapEvent)) {
            traps++;
        }
        totalNanos += x.totalNanos();
    }

    /** The kept exchanges, oldest first. */
    public synchronized List<RecordedExchange> recent() {
        return List.copyOf(new ArrayList<>(recent));
    }

    public synchronized RecordedExchange latest() {
        return recent.peekLast();
    }

    public synchronized Stats stats() {
        return new Stats(
                total,
                Collections.unmodifiableMap(new TreeMap<>(statuses)),
                Collections.unmodifiableMap(new TreeMap<>(closedBy)),
                Collections.unmodifiableMap(new TreeMap<>(workers)),
                localReplies,
                traps,
                totalNanos);
    }

    public synchronized void clear() {
        recent.clear();
        statuses.clear();
        closedBy.clear();
        workers.clear();
        total = 0;
        localReplies = 0;
        traps = 0;
        totalNanos = 0;
    }
}
