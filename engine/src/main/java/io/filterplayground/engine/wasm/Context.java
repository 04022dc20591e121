package io.filterplayground.engine.wasm;

/**
 * A Proxy-Wasm context inside one VM: a root context (one per plugin) or a stream context (one per
 * HTTP stream, child of a root). Ids come from a per-VM counter shared by both kinds.
 */
public abstract sealed class Context permits RootContext, StreamContext {
    private final int id;
    private final WasmVm vm;

    Context(int id, WasmVm vm) {
        this.id = id;
        this.vm = vm;
    }

    public int id() {
        return id;
    }

    public WasmVm vm() {
        return vm;
    }

    public abstract RootContext root();

    /** The filter or service this context belongs to, for traces. */
    public String owner() {
        return root().plugin().name();
    }
}
