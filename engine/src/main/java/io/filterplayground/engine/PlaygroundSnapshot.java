package io.filterplayground.engine;

import io.filterplayground.engine.filter.VmView;
import io.filterplayground.engine.state.Metrics;
import io.filterplayground.engine.state.SharedData;
import io.filterplayground.engine.state.SharedQueues;
import java.util.List;

/** The live state of a playground: every VM on every thread, metrics, shared data and queues. */
public record PlaygroundSnapshot(
        List<VmView> vms,
        List<Metrics.Row> metrics,
        List<SharedData.Row> sharedData,
        List<SharedQueues.Row> queues) {}
