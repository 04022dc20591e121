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
 * What the playground remembers of the requests it sent: the latest {@link #KEEP} exchanges in
 * full, and for all of them only counts (status histogram, per-worker totals, local replies,
 * traps). This is what keeps memory bounded during a burst of any size. Thread-safe.
 */
public final class ExchangeLog {
    public static final int KEEP = 200;

    /** The counts over every exchange since the last {@link #clear}. */
    public record Stats(
            long total,
            Map<Integer, Long> statuses,
            Map<String, Long> workers,
            long localReplies,
            long traps,
            long totalNanos) {
        public static final Stats EMPTY = new Stats(0, Map.of(), Map.of(), 0, 0, 0);
    }

    private final int keep;
    private final ArrayDeque<RecordedExchange> recent = new ArrayDeque<>();
    private final TreeMap<Integer, Long> statuses = new TreeMap<>();
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
        HttpResponse r = x.exchange().response();
        int status = r == null || r.reset() ? 0 : r.status();
        statuses.merge(status, 1L, Long::sum);
        workers.merge(x.exchange().worker(), 1L, Long::sum);
        if (r != null && r.localReply()) {
            localReplies++;
        }
        if (x.exchange().events().stream().anyMatch(e -> e instanceof TrapEvent)) {
            traps++;
        }
        totalNanos += x.exchange().totalNanos();
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
                Collections.unmodifiableMap(new TreeMap<>(workers)),
                localReplies,
                traps,
                totalNanos);
    }

    public synchronized void clear() {
        recent.clear();
        statuses.clear();
        workers.clear();
        total = 0;
        localReplies = 0;
        traps = 0;
        totalNanos = 0;
    }
}
