package io.filterplayground.engine;

import io.filterplayground.engine.state.Metrics;
import io.filterplayground.engine.state.SharedData;
import io.filterplayground.engine.state.SharedQueues;
import java.util.List;

/** The live state of a playground: every VM on every thread, metrics, shared data and queues. */
public record PlaygroundSnapshot(
        List<VmView> vms,
        List<Metrics.Row> metrics,
        List<SharedData.Row> sharedData,
        List<SharedQueues.Row> queues) {

    /** A VM (or a Lua state) on a thread. */
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
            String failure) {}

    /** A root context inside a VM. */
    public record RootView(String plugin, String rootId, int contextId, long tickPeriodMillis) {}
}
