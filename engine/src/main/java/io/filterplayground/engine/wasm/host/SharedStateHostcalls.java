package io.filterplayground.engine.wasm.host;

import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.state.SharedData;
import io.filterplayground.engine.state.SharedQueues;
import io.filterplayground.engine.wasm.RootContext;
import io.filterplayground.engine.wasm.callback.QueueCallbacks;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Shared data and shared queues: the only state VMs on different workers share, partitioned by
 * vm_id (Envoy's {@code SharedData} and {@code registerSharedQueue} in wasm.cc; docs/abi-notes.md).
 */
final class SharedStateHostcalls {
    private SharedStateHostcalls() {}

    static List<Hostcall> all() {
        return List.of(
                Hostcall.of("proxy_get_shared_data", 5, SharedStateHostcalls::get),
                Hostcall.of("proxy_set_shared_data", 5, SharedStateHostcalls::set),
                Hostcall.of("proxy_register_shared_queue", 3, SharedStateHostcalls::register),
                Hostcall.of("proxy_resolve_shared_queue", 5, SharedStateHostcalls::resolve),
                Hostcall.of("proxy_enqueue_shared_queue", 3, SharedStateHostcalls::enqueue),
                Hostcall.of("proxy_dequeue_shared_queue", 3, SharedStateHostcalls::dequeue));
    }

    private static long get(HostcallContext vm, long[] a) {
        String key = vm.memory().readString((int) a[0], (int) a[1]);
        String vmId = vm.spec().vmId();
        SharedData.Entry e = vm.env().sharedData().get(vmId, key);
        if (e == null) {
            return vm.hostcall(
                    "proxy_get_shared_data", WasmResult.NOT_FOUND, "vm_id", vmId, "key", key);
        }
        vm.memory().returnBytes(e.value(), (int) a[2], (int) a[3]);
        vm.memory().writeU32((int) a[4], e.cas());
        return vm.hostcall(
                "proxy_get_shared_data",
                WasmResult.OK,
                "vm_id",
                vmId,
                "key",
                key,
                "value",
                text(e.value()),
                "cas",
                e.cas());
    }

    private static long set(HostcallContext vm, long[] a) {
        String key = vm.memory().readString((int) a[0], (int) a[1]);
        byte[] value = vm.memory().read((int) a[2], (int) a[3]);
        int cas = (int) a[4];
        String vmId = vm.spec().vmId();
        SharedData.SetResult r = vm.env().sharedData().set(vmId, key, value, cas);
        if (r == SharedData.SetResult.CAS_MISMATCH) {
            return vm.hostcallHint(
                    "proxy_set_shared_data",
                    WasmResult.CAS_MISMATCH,
                    "another VM updated the key since this one read it: get it again and retry",
                    "vm_id",
                    vmId,
                    "key",
                    key,
                    "cas",
                    cas);
        }
        return vm.hostcall(
                "proxy_set_shared_data",
                WasmResult.OK,
                "vm_id",
                vmId,
                "key",
                key,
                "value",
                text(value),
                "cas",
                cas);
    }

    private static long register(HostcallContext vm, long[] a) {
        String name = vm.memory().readString((int) a[0], (int) a[1]);
        RootContext root = vm.context().root();
        String vmId = vm.spec().vmId();
        int token =
                vm.env()
                        .queues()
                        .register(
                                vmId,
                                name,
                                new SharedQueues.Subscriber() {
                                    @Override
                                    public void notifyReady(int t) {
                                        vm.loop().execute(() -> QueueCallbacks.queueReady(root, t));
                                    }

                                    @Override
                                    public String describe() {
                                        return vm.vmId()
                                                + " root context "
                                                + root.id()
                                                + " on "
                                                + vm.loop().name();
                                    }
                                });
        vm.memory().writeU32((int) a[2], token);
        return vm.hostcallHint(
                "proxy_register_shared_queue",
                WasmResult.OK,
                "proxy_on_queue_ready("
                        + root.id()
                        + ") now runs on "
                        + vm.loop().name()
                        + " for every enqueue (the latest registrant wins)",
                "vm_id",
                vmId,
                "name",
                name,
                "queue_id",
                token);
    }

    private static long resolve(HostcallContext vm, long[] a) {
        String vmId = vm.memory().readString((int) a[0], (int) a[1]);
        String name = vm.memory().readString((int) a[2], (int) a[3]);
        if (vmId.isEmpty()) {
            vmId = vm.spec().vmId();
        }
        int token = vm.env().queues().resolve(vmId, name);
        if (token == 0) {
            return vm.hostcallHint(
                    "proxy_resolve_shared_queue",
                    WasmResult.NOT_FOUND,
                    "no VM with this vm_id registered the queue yet",
                    "vm_id",
                    vmId,
                    "name",
                    name);
        }
        vm.memory().writeU32((int) a[4], token);
        return vm.hostcall(
                "proxy_resolve_shared_queue",
                WasmResult.OK,
                "vm_id",
                vmId,
                "name",
                name,
                "queue_id",
                token);
    }

    private static long enqueue(HostcallContext vm, long[] a) {
        int token = (int) a[0];
        byte[] value = vm.memory().read((int) a[1], (int) a[2]);
        boolean ok = vm.env().queues().enqueue(token, value);
        return vm.hostcall(
                "proxy_enqueue_shared_queue",
                ok ? WasmResult.OK : WasmResult.NOT_FOUND,
                "queue_id",
                token,
                "value",
                text(value));
    }

    private static long dequeue(HostcallContext vm, long[] a) {
        int token = (int) a[0];
        SharedQueues.Dequeued d = vm.env().queues().dequeue(token);
        if (!d.found()) {
            return vm.hostcall(
                    "proxy_dequeue_shared_queue", WasmResult.NOT_FOUND, "queue_id", token);
        }
        if (d.value() == null) {
            return vm.hostcall("proxy_dequeue_shared_queue", WasmResult.EMPTY, "queue_id", token);
        }
        vm.memory().returnBytes(d.value(), (int) a[1], (int) a[2]);
        return vm.hostcall(
                "proxy_dequeue_shared_queue",
                WasmResult.OK,
                "queue_id",
                token,
                "value",
                text(d.value()));
    }

    static String text(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 256), StandardCharsets.UTF_8);
        return b.length > 256 ? s + "..." : s;
    }
}
