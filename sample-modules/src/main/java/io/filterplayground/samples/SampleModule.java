package io.filterplayground.samples;

import java.util.List;

/**
 * The sample filters shipped with Filter Playground. Each lives in its own folder of {@code
 * sample-modules/} (sources, the committed {@code .wasm}, one or more scenarios); the build
 * packages the {@code .wasm} and {@code .yaml} files as resources under {@code
 * io/filterplayground/samples/<folder>/}. Scenarios name their module by a path relative to
 * themselves (e.g. {@code wasm: add_header.wasm}), so resolve it against {@link #resourceFolder()}.
 */
public enum SampleModule {
    HELLO_ABI(
            "hello-abi",
            "hello_abi.wasm",
            Language.WAT,
            "The raw ABI by hand: logs at each step, reads :path and the plugin configuration,"
                    + " adds x-hello: abi",
            "scenario.yaml"),
    ADD_HEADER(
            "add-header",
            "add_header.wasm",
            Language.ASSEMBLYSCRIPT,
            "Adds configured request and response headers (published AssemblyScript SDK, root id"
                    + " add_header)",
            "scenario.yaml",
            "scenario-failure-policies.yaml"),
    DENY(
            "deny",
            "deny.wasm",
            Language.RUST,
            "Rejects requests by header value or path prefix with a local reply",
            "scenario.yaml"),
    BODY_REWRITE(
            "body-rewrite",
            "body_rewrite.wasm",
            Language.C,
            "Buffers a body until end of stream and replaces text in it",
            "scenario.yaml"),
    RATE_LIMITER(
            "rate-limiter",
            "rate_limiter.wasm",
            Language.RUST,
            "Token bucket per worker VM, or shared by all workers through CAS-updated shared data",
            "scenario.yaml",
            "scenario-shared.yaml"),
    REQUEST_COUNTER(
            "request-counter",
            "request_counter.wasm",
            Language.RUST,
            "Counts requests in a VM global, in shared data and in a counter metric",
            "scenario.yaml"),
    STATS_AGGREGATOR(
            "stats-aggregator",
            "stats_aggregator.wasm",
            Language.RUST,
            "One module, two root ids: filters enqueue request summaries, a singleton service"
                    + " aggregates them and logs on a tick",
            "scenario.yaml"),
    AUTH_CALLOUT(
            "auth-callout",
            "auth_callout.wasm",
            Language.RUST,
            "Pauses each request, asks an auth cluster with an HTTP callout, then resumes or"
                    + " rejects it",
            "scenario.yaml",
            "scenario-deny.yaml"),
    REDIS_INSPECTOR(
            "redis-inspector",
            "redis_inspector.wasm",
            Language.RUST,
            "A network (TCP) filter in front of Redis: counts commands, refuses FLUSHALL by closing"
                    + " the connection, rewrites +PONG replies, holds commands split across reads",
            "scenario.yaml"),
    ACCESS_LOGGER(
            "access-logger",
            "access_logger.wasm",
            Language.RUST,
            "An access logger: one JSON line per request and per TCP connection from headers and"
                    + " properties, enqueued to the stats service that counts them",
            "scenario.yaml",
            "scenario-tcp.yaml");

    private final String folder;
    private final String wasmFile;
    private final Language language;
    private final String description;
    private final List<String> scenarioFiles;

    SampleModule(
            String folder,
            String wasmFile,
            Language language,
            String description,
            String... scenarioFiles) {
        this.folder = folder;
        this.wasmFile = wasmFile;
        this.language = language;
        this.description = description;
        this.scenarioFiles = List.of(scenarioFiles);
    }

    /** Folder name in {@code sample-modules/}, e.g. {@code add-header}. */
    public String folder() {
        return folder;
    }

    /** File name of the module, e.g. {@code add_header.wasm}. */
    public String wasmFile() {
        return wasmFile;
    }

    public Language language() {
        return language;
    }

    /** One-line summary of what the sample shows. */
    public String description() {
        return description;
    }

    /** Classpath folder holding the module and its scenarios, ending with {@code /}. */
    public String resourceFolder() {
        return Resources.ROOT + folder + "/";
    }

    /**
     * Classpath path of the module, e.g. {@code
     * io/filterplayground/samples/add-header/add_header.wasm}.
     */
    public String resourcePath() {
        return Resources.path(folder, wasmFile);
    }

    /** The module's bytes. */
    public byte[] wasmBytes() {
        return Resources.bytes(resourcePath());
    }

    /** Classpath path of the main scenario ({@code scenario.yaml}). */
    public String scenarioResource() {
        return Resources.path(folder, scenarioFiles.get(0));
    }

    /** Classpath paths of every scenario of this sample, the main one first. */
    public List<String> scenarioResources() {
        return scenarioFiles.stream().map(file -> Resources.path(folder, file)).toList();
    }

    /** Text of the main scenario. */
    public String scenarioText() {
        return Resources.text(scenarioResource());
    }
}
