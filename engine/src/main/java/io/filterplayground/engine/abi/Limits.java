package io.filterplayground.engine.abi;

/** Named caps, most of them copied from proxy-wasm-cpp-host so filters meet the same walls. */
public final class Limits {
    /**
     * cpp-host {@code PROXY_WASM_HOST_PAIRS_MAX_BYTES}: larger serialized maps are treated as
     * empty.
     */
    public static final int MAX_PAIRS_BYTES = 1 << 20;

    /** cpp-host {@code PROXY_WASM_HOST_PAIRS_MAX_COUNT}. */
    public static final int MAX_PAIRS_COUNT = 1024;

    /** cpp-host refuses {@code random_get} above 64 KiB per call. */
    public static final int MAX_RANDOM_BYTES = 64 * 1024;

    /**
     * Envoy's default per-connection/stream buffer limit: beyond it a buffered body yields 413/500.
     */
    public static final int DEFAULT_BUFFER_LIMIT_BYTES = 1 << 20;

    /** Default cap on guest memory, in 64 KiB pages (cpp-host allows 1 GiB = 16384 pages). */
    public static final int DEFAULT_MAX_MEMORY_PAGES = 16384;

    /** Default watchdog limit for one callback. */
    public static final long DEFAULT_CALLBACK_TIMEOUT_MILLIS = 1000;

    /** Largest single guest-to-host or host-to-guest copy accepted (a sanity bound). */
    public static final int MAX_COPY_BYTES = 64 << 20;

    private Limits() {}
}
