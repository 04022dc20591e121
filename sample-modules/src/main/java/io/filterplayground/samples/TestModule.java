package io.filterplayground.samples;

/**
 * Purpose-built modules for engine tests, from {@code sample-modules/testdata/} (packaged under
 * {@code io/filterplayground/samples/testdata/}). Each source file starts with a comment describing
 * its configuration and expected behaviour.
 */
public enum TestModule {
    ALL_CALLBACKS(
            "all_callbacks.wasm",
            Language.WAT,
            "Exports every HTTP callback and does nothing else; a non-empty configuration buffers"
                    + " bodies until end of stream"),
    CALLOUT_CHECKS(
            "callout_checks.wasm",
            Language.WAT,
            "Makes the callouts Envoy rejects (no :authority, unknown cluster, unknown foreign"
                    + " function) and logs the statuses"),
    GRPC_SHIM(
            "grpc_shim.wasm",
            Language.WAT,
            "Rate-limit shim over a unary gRPC call: pauses, then resumes on the response message"
                    + " (success) or answers 429 on the close (failure)"),
    GRPC_PROBE(
            "grpc_probe.wasm",
            Language.WAT,
            "Makes a unary gRPC call or opens a stream (send, half-close, end_stream, cancel) by"
                    + " request header and logs every gRPC callback with its metadata and status"),
    FAULTS(
            "faults.wasm",
            Language.WAT,
            "Pass-through filter that traps, loops, recurses without end, exhausts memory or passes"
                    + " bad pointers/maps on request (configuration \"<fault>@<callback>\")"),
    GUEST_EXPORTS(
            "guest_exports.wasm",
            Language.WAT,
            "Not a filter: exports of every shape the host calls (integers, a float, no result,"
                    + " endless recursion), for the tests of how the host calls exports"),
    TCP_FILTER(
            "tcp_filter.wasm",
            Language.C,
            "A network (TCP) filter that logs every network callback and, by configuration, holds"
                    + " lines, closes on a word, rewrites upstream bytes or tags downstream bytes"),
    ACCESS_LOG(
            "access_log.wasm",
            Language.C,
            "An access logger: one line per finished request or connection from its headers and"
                    + " properties, counted in shared data; configuration \"trap\" makes it trap"),
    NO_ABI(
            "no_abi.wasm",
            Language.WAT,
            "Valid module with a filter callback but no proxy_abi_version_* marker"),
    ABI_0_1_0_TWO_ARGS(
            "abi_0_1_0_two_args.wasm",
            Language.WAT,
            "ABI 0.1.0: malloc, _start, proxy_get_configuration, two-argument header callbacks"),
    ABI_0_1_0_THREE_ARGS(
            "abi_0_1_0_three_args.wasm",
            Language.WAT,
            "ABI 0.1.0 marker with three-argument header callbacks"),
    GO_SHAPED(
            "go_shaped.wasm",
            Language.WAT,
            "Interface of a Go 1.24 wasip1 c-shared module: 15 WASI imports, fd_write imported"
                    + " twice, _initialize (throws on a zero nanotime or no heap), no malloc"),
    CLOCKS(
            "clocks.wasm",
            Language.WAT,
            "Logs the WASI realtime and monotonic clocks, their resolutions and the proxy clock at"
                    + " start and on each 1 s tick"),
    SET_BUFFER(
            "set_buffer.wasm",
            Language.WAT,
            "Makes one proxy_set_buffer_bytes call chosen by its configuration (where, buffer,"
                    + " start, size, value) and logs the status and the buffer after it"),
    ENV_HELPERS(
            "env_helpers.wasm",
            Language.WAT,
            "Imports the env helpers Envoy supplies beyond proxy_*: pthread_equal,"
                    + " emscripten_notify_memory_growth, envoy_resolve_dns"),
    EMSCRIPTEN(
            "emscripten_hello.wasm",
            Language.CPP_EMSCRIPTEN,
            "Real emscripten C++ module: malloc, _initialize, proxy_validate_configuration, grows"
                    + " memory (emscripten_notify_memory_growth)"),
    HOSTCALL_PROBE(
            "hostcall_probe.wasm",
            Language.C,
            "Makes exactly the hostcalls its configuration scripts, one call per line, in the"
                    + " callback each line names; imports every hostcall the host links"),
    RUST_SDK_SHAPED(
            "rust_sdk_shaped.wasm",
            Language.RUST,
            "Interface of a proxy-wasm Rust SDK module: ~37 env imports, WASI clock/random,"
                    + " _initialize; behaves like the SDK's hello_world");

    private final String wasmFile;
    private final Language language;
    private final String description;

    TestModule(String wasmFile, Language language, String description) {
        this.wasmFile = wasmFile;
        this.language = language;
        this.description = description;
    }

    /** Always {@code testdata}. */
    public String folder() {
        return "testdata";
    }

    public String wasmFile() {
        return wasmFile;
    }

    public Language language() {
        return language;
    }

    public String description() {
        return description;
    }

    /** Classpath path, e.g. {@code io/filterplayground/samples/testdata/faults.wasm}. */
    public String resourcePath() {
        return Resources.path(folder(), wasmFile);
    }

    public byte[] wasmBytes() {
        return Resources.bytes(resourcePath());
    }
}
