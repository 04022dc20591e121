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

    Counting(int needed) {
        this.needed = Math.max(1, needed);
    }

    /** Records a match; a key already counted (the same event seen twice) is ignored. */
    final void matched(long key, String what) {
        if (!met() && seen.add(key)) {
            last = what;
        }
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

    static boolean matches(String expected, String actual) {
        return expected == null || expected.equals(actual);
    }

    static boolean contains(String expected, String actual) {
        return expected == null || (actual != null && actual.contains(expected));
    }

    /**
     * A callback name as the goal wrote it: {@code proxy_on_tick}, {@code on_tick} or {@code tick}.
     */
    static boolean callbackNamed(String expected, String actual) {
        return expected == null
                || expected.equals(actual)
                || ("proxy_" + expected).equals(actual)
                || ("proxy_on_" + expected).equals(actual);
    }
}
