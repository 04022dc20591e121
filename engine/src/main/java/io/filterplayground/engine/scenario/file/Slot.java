package io.filterplayground.engine.scenario.file;

/**
 * Where a section leaves what it read in a {@link Draft}; {@link #absent()} when the file has none.
 */
interface Slot<V> {
    V absent();

    /** A slot of a section that reads several keys into one value. */
    static <V> Slot<V> of(V absent) {
        return () -> absent;
    }
}
