package io.filterplayground.app.diff;

/** One header entry across a stage: {@code before} or {@code after} is null when absent. */
public record HeaderChange(String name, String before, String after, Change change) {
    public enum Change {
        ADDED,
        REMOVED,
        CHANGED,
        SAME
    }
}
