package io.filterplayground.engine.wasm;

import io.filterplayground.engine.abi.Action;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.error.FilterTrapException;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.filter.HttpFilter;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.wasm.callback.HttpCallbacks;
import io.filterplayground.engine.wasm.callback.LifecycleCallbacks;
import java.util.List;

/**
 * A Wasm plugin's part in one stream: creates the stream context on first use and turns the guest's
 * {@link Action} into the filter manager's status as Envoy's Wasm filter does ({@code
 * source/extensions/common/wasm/context.cc}, {@code Context::decodeHeaders} and friends): a pause
 * on headers is StopAllIterationAndWatermark unless {@code allow_on_headers_stop_iteration}, on
 * bodies StopIterationAndBuffer. A trap applies the plugin's failure policy.
 */
final class WasmHttpFilter implements HttpFilter {
    private final RootContext root;
    private final WasmVm vm;
    private final FilterCallbacks stream;
    private final PluginSpec plugin;
    private StreamContext ctx;
    private boolean created;
    private boolean bypass;
    private boolean failedStream;

    WasmHttpFilter(RootContext root, FilterCallbacks stream) {
        this.root = root;
        this.vm = root.vm();
        this.stream = stream;
        this.plugin = root.plugin();
    }

    @Override
    public FilterStatus onRequestHeaders(HeaderMap headers, boolean endOfStream) {
        return headers(Callback.REQUEST_HEADERS, headers, endOfStream);
    }

    @Override
    public FilterStatus onResponseHeaders(HeaderMap headers, boolean endOfStream) {
        // Envoy skips encoder callbacks for a context the decode side never created (a local
        // reply made by an earlier filter).
        return created
                ? headers(Callback.RESPONSE_HEADERS, headers, endOfStream)
                : FilterStatus.CONTINUE;
    }

    @Override
    public FilterStatus onRequestBody(Buffer body, boolean endOfStream) {
        return body(Callback.REQUEST_BODY, body, endOfStream);
    }

    @Override
    public FilterStatus onResponseBody(Buffer body, boolean endOfStream) {
        return created ? body(Callback.RESPONSE_BODY, body, endOfStream) : FilterStatus.CONTINUE;
    }

    @Override
    public FilterStatus onRequestTrailers(HeaderMap trailers) {
        return trailers(Callback.REQUEST_TRAILERS, trailers);
    }

    @Override
    public FilterStatus onResponseTrailers(HeaderMap trailers) {
        return created ? trailers(Callback.RESPONSE_TRAILERS, trailers) : FilterStatus.CONTINUE;
    }

    private FilterStatus headers(Callback cb, HeaderMap headers, boolean eos) {
        FilterStatus blocked = unusable(cb);
        if (blocked != null) {
            return blocked;
        }
        if (!vm.exports(cb)) {
            return FilterStatus.CONTINUE;
        }
        try {
            return switch (HttpCallbacks.headers(ctx, cb, headers, eos)) {
                // Envoy maps ContinueAndEndStream to Continue.
                case CONTINUE, CONTINUE_AND_END_STREAM -> FilterStatus.CONTINUE;
                case PAUSE ->
                        plugin.allowOnHeadersStopIteration()
                                ? FilterStatus.STOP_ITERATION
                                : FilterStatus.STOP_ALL_ITERATION;
                default -> FilterStatus.STOP_ALL_ITERATION;
            };
        } catch (FilterTrapException e) {
            return trapped(cb, e, FilterStatus.STOP_ALL_ITERATION);
        }
    }

    private FilterStatus body(Callback cb, Buffer body, boolean eos) {
        FilterStatus blocked = unusable(cb);
        if (blocked != null) {
            return blocked == FilterStatus.STOP_ALL_ITERATION
                    ? FilterStatus.STOP_ITERATION_NO_BUFFER
                    : blocked;
        }
        if (!vm.exports(cb)) {
            return FilterStatus.CONTINUE;
        }
        try {
            return switch (HttpCallbacks.body(ctx, cb, body, eos)) {
                case CONTINUE -> FilterStatus.CONTINUE;
                case PAUSE, STOP_ITERATION_AND_WATERMARK -> FilterStatus.STOP_ITERATION_AND_BUFFER;
                default -> FilterStatus.STOP_ITERATION_NO_BUFFER;
            };
        } catch (FilterTrapException e) {
            return trapped(cb, e, FilterStatus.STOP_ITERATION_NO_BUFFER);
        }
    }

    private FilterStatus trailers(Callback cb, HeaderMap trailers) {
        FilterStatus blocked = unusable(cb);
        if (blocked != null) {
            return blocked == FilterStatus.STOP_ALL_ITERATION
                    ? FilterStatus.STOP_ITERATION
                    : blocked;
        }
        if (!vm.exports(cb)) {
            return FilterStatus.CONTINUE;
        }
        try {
            return HttpCallbacks.trailers(ctx, cb, trailers) == Action.CONTINUE
                    ? FilterStatus.CONTINUE
                    : FilterStatus.STOP_ITERATION;
        } catch (FilterTrapException e) {
            return trapped(cb, e, FilterStatus.STOP_ITERATION);
        }
    }

    /**
     * Null when the filter can run this callback; otherwise the status to return because the VM
     * failed (cpp-host CHECK_FAIL: fail-open continues, otherwise the stream fails with 503).
     */
    private FilterStatus unusable(Callback cb) {
        if (bypass || failedStream) {
            return FilterStatus.CONTINUE;
        }
        if (vm.state() != WasmVm.State.RUNNING) {
            if (plugin.failurePolicy() == FailurePolicy.FAIL_OPEN) {
                bypass = true;
                return FilterStatus.CONTINUE;
            }
            failStream();
            return FilterStatus.STOP_ALL_ITERATION;
        }
        if (!created) {
            try {
                ensureCreated();
            } catch (FilterTrapException e) {
                return trapped(Callback.CONTEXT_CREATE, e, FilterStatus.STOP_ALL_ITERATION);
            }
        }
        return null;
    }

    private void ensureCreated() throws FilterTrapException {
        if (ctx == null) {
            ctx = vm.newStream(root, stream);
        }
        if (!created) {
            created = true;
            LifecycleCallbacks.createStream(ctx);
        }
    }

    private FilterStatus trapped(Callback cb, FilterTrapException e, FilterStatus stop) {
        String later = Traps.laterStreams(plugin);
        Context at = ctx == null ? root : ctx;
        if (plugin.failurePolicy() == FailurePolicy.FAIL_OPEN) {
            bypass = true;
            Traps.report(
                    vm,
                    at,
                    cb,
                    e,
                    stream.streamId(),
                    "this callback counts as Continue and the filter steps aside for the rest of"
                            + " this request; "
                            + later);
            return FilterStatus.CONTINUE;
        }
        Traps.report(
                vm,
                at,
                cb,
                e,
                stream.streamId(),
                "503 for this request (wasm_fail_stream); " + later);
        failStream();
        return stop;
    }

    /** Envoy's failStream: a 503 local reply with details wasm_fail_stream, once per stream. */
    private void failStream() {
        if (!failedStream) {
            failedStream = true;
            sendFailStream(stream);
        }
    }

    /**
     * The reply itself: 503, empty body, details {@code wasm_fail_stream} (cpp-host CHECK_FAIL).
     */
    static void sendFailStream(FilterCallbacks stream) {
        stream.sendLocalReply(503, new byte[0], List.of(), "wasm_fail_stream");
    }

    @Override
    public void onLog() {
        if (vm.state() != WasmVm.State.RUNNING || bypass) {
            return;
        }
        try {
            // Envoy creates the context first if the stream never reached this filter.
            ensureCreated();
            LifecycleCallbacks.log(ctx);
        } catch (FilterTrapException e) {
            Traps.report(
                    vm,
                    ctx == null ? root : ctx,
                    Callback.LOG,
                    e,
                    stream.streamId(),
                    Traps.laterStreams(plugin));
        }
    }

    @Override
    public void onDestroy() {
        if (ctx == null) {
            return;
        }
        try {
            if (created && vm.state() == WasmVm.State.RUNNING) {
                LifecycleCallbacks.finish(ctx);
            }
        } catch (FilterTrapException e) {
            Traps.report(vm, ctx, Callback.DONE, e, stream.streamId(), Traps.laterStreams(plugin));
        } finally {
            vm.forget(ctx);
        }
    }
}
