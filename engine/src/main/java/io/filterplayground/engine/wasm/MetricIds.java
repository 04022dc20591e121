package io.filterplayground.engine.wasm;

import io.filterplayground.engine.state.Metrics;
import java.util.HashMap;
import java.util.Map;

/**
 * A VM's metric ids: the low two bits are the type and each definition advances by 4, as
 * proxy-wasm-cpp-host numbers them ({@code ContextBase::defineMetric}).
 */
public final class MetricIds {
    private final Map<Integer, Metrics.Metric> byId = new HashMap<>();
    private int counters;
    private int gauges = 1;
    private int histograms = 2;

    public int define(Metrics.Metric metric) {
        int id =
                switch (metric.type()) {
                    case COUNTER -> counters += 4;
                    case GAUGE -> gauges += 4;
                    case HISTOGRAM -> histograms += 4;
                };
        byId.put(id, metric);
        return id;
    }

    public Metrics.Metric get(int id) {
        return byId.get(id);
    }
}
