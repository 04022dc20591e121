package io.filterplayground.engine.filter;

import java.util.List;

/**
 * Per-worker state of a filter style that is not a Wasm VM (a Lua state) and shows in the VM view.
 * Kept as a worker-local; asked on its worker's thread.
 */
public interface VmViewSource {
    List<VmView> views();
}
