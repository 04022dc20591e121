package io.filterplayground.engine.trace;

/** How much the host records. FULL is the playground's default; benchmarks compare the others. */
public enum TraceDetail {
    /** Callbacks, hostcalls with decoded arguments, logs, stage snapshots, lifecycle. */
    FULL,
    /** Callbacks, logs, traps and lifecycle; no hostcalls and no stage snapshots. */
    CALLBACKS,
    /** Logs, traps and lifecycle only. */
    MINIMAL
}
