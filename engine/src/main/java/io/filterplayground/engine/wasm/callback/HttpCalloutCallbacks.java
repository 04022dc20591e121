package io.filterplayground.engine.wasm.callback;

import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.StreamCallbacks;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.upstream.UpstreamResult;
import io.filterplayground.engine.wasm.CallData;
import io.filterplayground.engine.wasm.RootContext;
import io.filterplayground.engine.wasm.WasmVm;

/** {@code proxy_on_http_call_response}: an HTTP callout's answer, on the root context. */
public final class HttpCalloutCallbacks {
    private HttpCalloutCallbacks() {}

    /**
     * Delivers a callout's answer. A failed call arrives with zero headers, and {@code
     * proxy_get_status} says BrokenConnection "reset" during the call; afterwards the code stays
     * and the message is cleared (Envoy's {@code Context::onHttpCallFailure}). A success leaves the
     * status as it was ({@code onHttpCallSuccess} does not touch it).
     */
    public static void response(RootContext root, int token, UpstreamResult result) {
        root.calls().remove(token);
        WasmVm vm = root.vm();
        StreamCallbacks stream = vm.callouts().take(token);
        if (!root.live() || !vm.exports(Callback.HTTP_CALL_RESPONSE)) {
            return;
        }
        CallData.Answer answer;
        if (result.ok()) {
            answer =
                    new CallData.Answer(
                            result.headers(), new Buffer(result.body()), result.trailers());
        } else {
            answer = new CallData.Answer(Headers.empty(), new Buffer(), Headers.empty());
            root.setStatus(WasmResult.BROKEN_CONNECTION.code(), "reset");
            vm.vmEvent("callout-failed", "token " + token + ": " + result.message());
        }
        RootCalls.call(
                stream,
                root,
                Callback.HTTP_CALL_RESPONSE,
                answer,
                token,
                answer.headers().size(),
                answer.body().length(),
                answer.trailers().size());
        if (!result.ok()) {
            root.setStatus(WasmResult.BROKEN_CONNECTION.code(), "");
        }
    }
}
