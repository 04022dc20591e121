package io.filterplayground.engine.chain;

/** One filter's place in a filter manager: its name, its index in the chain, its time so far. */
class FilterEntry {
    final String name;
    final int chainIndex;

    /** Time in this filter's callbacks and attributed work (host JVM time). */
    long nanos;

    FilterEntry(String name, int chainIndex) {
        this.name = name;
        this.chainIndex = chainIndex;
    }
}
