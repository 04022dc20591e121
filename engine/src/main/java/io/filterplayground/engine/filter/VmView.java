package io.filterplayground.engine.filter;

import java.util.List;

/** A VM (or a Lua state) on a thread, as the Workers & VMs view shows it. */
public record VmView(
        String id,
        String kind,
        String thread,
        String module,
        String vmId,
        String state,
        List<RootView> roots,
        long streamsServed,
        int memoryPages,
        String failure) {

    /** A root context inside a VM. */
    public record RootView(String plugin, String rootId, int contextId, long tickPeriodMillis) {}
}
