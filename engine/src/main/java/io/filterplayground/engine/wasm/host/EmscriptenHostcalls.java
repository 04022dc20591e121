package io.filterplayground.engine.wasm.host;

import io.filterplayground.engine.abi.WasmResult;
import java.util.List;

/**
 * The {@code env} imports Envoy links besides the {@code proxy_*} ABI, so that no module that runs
 * in Envoy fails to link here: the emscripten runtime helpers proxy-wasm-cpp-host registers for C++
 * modules ({@code WasmBase::registerCallbacks} in src/wasm.cc, implemented in src/exports.cc), and
 * Envoy's own {@code envoy_resolve_dns} ({@code Wasm::registerCallbacks} in
 * source/extensions/common/wasm/wasm.cc).
 */
final class EmscriptenHostcalls {
    private EmscriptenHostcalls() {}

    static List<Hostcall> all() {
        return List.of(
                // Emscripten's pthread emulation compares thread handles (Istio 1.5-era modules).
                Hostcall.of("pthread_equal", 2, (vm, a) -> (int) a[0] == (int) a[1] ? 1 : 0),
                // Emscripten reports each memory.grow; cpp-host ignores it.
                new Hostcall(
                        "emscripten_notify_memory_growth",
                        Hostcall.i32s(1, false),
                        (vm, a) -> 0,
                        true),
                // (address, address_size, return_token): the playground resolves no names, so
                // the call links and answers Unimplemented.
                new Hostcall(
                        "envoy_resolve_dns",
                        Hostcall.i32s(3, true),
                        (vm, a) ->
                                vm.hostcallHint(
                                        "envoy_resolve_dns",
                                        WasmResult.UNIMPLEMENTED,
                                        "the playground resolves no DNS names (Envoy answers"
                                                + " through envoy_on_resolve_dns)"),
                        false));
    }
}
