package io.filterplayground.engine.wasm;

import io.filterplayground.engine.abi.AbiVersion;
import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.wasm.host.HostcallContext;

/** The VM as its hostcalls see it: the parts they need, nothing that calls the guest. */
final class VmHostcallContext implements HostcallContext {
    private final WasmVm vm;

    VmHostcallContext(WasmVm vm) {
        this.vm = vm;
    }

    @Override
    public GuestMemory memory() {
        return vm.memory();
    }

    @Override
    public CallFrame frame() {
        return vm.frame();
    }

    @Override
    public boolean setEffectiveContext(int contextId) {
        return vm.setEffectiveContext(contextId);
    }

    @Override
    public HostEnvironment env() {
        return vm.env();
    }

    @Override
    public VmSpec spec() {
        return vm.spec();
    }

    @Override
    public String vmId() {
        return vm.id();
    }

    @Override
    public Worker loop() {
        return vm.loop();
    }

    @Override
    public AbiVersion abi() {
        return vm.abi();
    }

    @Override
    public void afterCall(Runnable action) {
        vm.afterCall(action);
    }

    @Override
    public CalloutTokens callouts() {
        return vm.callouts();
    }

    @Override
    public MetricIds metricIds() {
        return vm.metricIds();
    }

    @Override
    public LineLogger stdout() {
        return vm.stdout();
    }

    @Override
    public LineLogger stderr() {
        return vm.stderr();
    }

    @Override
    public int hostcall(String name, WasmResult result, Object... kv) {
        return vm.trace().hostcall(name, result, null, kv);
    }

    @Override
    public int hostcallHint(String name, WasmResult result, String hint, Object... kv) {
        return vm.trace().hostcall(name, result, hint, kv);
    }

    @Override
    public boolean records(LogLevel level) {
        return vm.trace().records(level);
    }

    @Override
    public void log(LogLevel level, String message) {
        vm.trace().log(level, message);
    }
}
