package io.filterplayground.app.learn;

import java.util.HashSet;
import java.util.Set;

/**
 * Counts distinct matches (by seq or id) up to what a goal needs, and remembers the last one in
 * words; the base of the trackers that count.
 */
abstract class Counting implements Tracker {
    private final int needed;
    private final Set<Long> seen = new HashSet<>();
    private String last;
    private long epoch;

    Counting(int needed) {
        this.needed = Math.max(1, needed);
    }

    /**
     * Records a match; a key already counted (the same event seen twice) is ignored. Keys are seqs
     * or stream ids, which start again with each engine, hence the epoch.
     */
    final void matched(long key, String what) {
        if (!met() && seen.add((epoch << 40) + key)) {
            last = what;
        }
    }

    @Override
    public void restarted() {
        epoch++;
    }

    @Override
    public final boolean met() {
        return seen.size() >= needed;
    }

    @Override
    public String evidence() {
        if (last == null) {
            return "not seen yet";
        }
        return (met() ? "seen" : "seen " + seen.size() + " of " + needed + " times") + ": " + last;
    }
}
