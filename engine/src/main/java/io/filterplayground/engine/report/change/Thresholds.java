package io.filterplayground.engine.report.change;

/**
 * When a filter's time counts as a change rather than jitter: it must move by at least {@code
 * ratio} times and by at least {@code minNanos}. A JVM's timings of microsecond callbacks jump
 * many-fold between runs, and the first run of a freshly built module pays its warm-up (measured:
 * 0.1 ms to 32 ms for the deny sample's first request on a loaded machine), so both bounds are
 * wide: what is left is a filter that got really slower. {@link #IGNORE} never reports time.
 */
public record Thresholds(double ratio, long minNanos) {
    public static final Thresholds DEFAULT = new Thresholds(5.0, 50_000_000);
    public static final Thresholds IGNORE =
            new Thresholds(Double.POSITIVE_INFINITY, Long.MAX_VALUE);

    /** Whether {@code before} → {@code after} is more than jitter. */
    public boolean exceeded(long before, long after) {
        long lo = Math.max(1, Math.min(before, after));
        long hi = Math.max(before, after);
        return hi - lo >= minNanos && (double) hi / lo >= ratio;
    }
}
