package io.filterplayground.engine.proxy;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.runtime.Activity;
import io.filterplayground.engine.runtime.PlaygroundClock;
import io.filterplayground.engine.runtime.Watchdog;
import io.filterplayground.engine.state.Metrics;
import io.filterplayground.engine.state.Properties;
import io.filterplayground.engine.state.SharedData;
import io.filterplayground.engine.state.SharedQueues;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.upstream.Clusters;

/** The process-wide services every VM reaches through its hostcalls. */
public record HostEnvironment(
        Tracer tracer,
        PlaygroundClock clock,
        Clusters clusters,
        SharedData sharedData,
        SharedQueues queues,
        Metrics metrics,
        Properties properties,
        Watchdog watchdog,
        Activity activity,
        Machine machine,
        int maxMemoryPages,
        LogLevel logLevel,
        long seed) {}
