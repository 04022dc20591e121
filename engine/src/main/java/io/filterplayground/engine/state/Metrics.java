package io.filterplayground.engine.state;

import io.filterplayground.engine.abi.MetricType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Filter-defined stats. Envoy names them {@code wasmcustom.<name>} in the filter's scope and a
 * second definition of the same name shares the stat (cpp-host {@code ContextBase::defineMetric}).
 * Values are kept in total and per VM, so the playground can show both.
 */
public final class Metrics {
    /** A row of the metrics view and the JSON result. */
    public record Row(
            String name,
            MetricType type,
            long value,
            long count,
            long sum,
            long min,
            long max,
            Map<String, Long> perVm) {}

    /** One stat. */
    public static final class Metric {
        final String name;
        final MetricType type;
        long value;
        long count;
        long sum;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        final Map<String, Long> perVm = new TreeMap<>();

        Metric(String name, MetricType type) {
            this.name = name;
            this.type = type;
        }

        public String name() {
            return name;
        }

        public MetricType type() {
            return type;
        }
    }

    public static final String PREFIX = "wasmcustom.";

    private final Map<String, Metric> byName = new LinkedHashMap<>();

    /** Defines (or finds) a stat; null if the name is already used with another type. */
    public synchronized Metric define(String name, MetricType type) {
        String full = name.startsWith(PREFIX) ? name : PREFIX + name;
        Metric m = byName.computeIfAbsent(full, n -> new Metric(n, type));
        return m.type == type ? m : null;
    }

    /** Adds to a counter or gauge. */
    public synchronized void add(Metric m, String vm, long delta) {
        m.value += delta;
        m.perVm.merge(vm, delta, Long::sum);
    }

    public synchronized void set(Metric m, String vm, long value) {
        m.value = value;
        m.perVm.put(vm, value);
    }

    public synchronized void record(Metric m, String vm, long value) {
        m.count++;
        m.sum += value;
        m.min = Math.min(m.min, value);
        m.max = Math.max(m.max, value);
        m.perVm.merge(vm, 1L, Long::sum);
    }

    public synchronized long value(Metric m) {
        return m.value;
    }

    /** Native and Lua filters count here too (their stats sit outside wasmcustom). */
    public synchronized void increment(String fullName, String owner, long delta) {
        Metric m = byName.computeIfAbsent(fullName, n -> new Metric(n, MetricType.COUNTER));
        m.value += delta;
        m.perVm.merge(owner, delta, Long::sum);
    }

    public synchronized List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Metric m : byName.values()) {
            rows.add(
                    new Row(
                            m.name,
                            m.type,
                            m.type == MetricType.HISTOGRAM ? m.count : m.value,
                            m.count,
                            m.sum,
                            m.count == 0 ? 0 : m.min,
                            m.count == 0 ? 0 : m.max,
                            Map.copyOf(m.perVm)));
        }
        return rows;
    }
}
