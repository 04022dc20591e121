package io.filterplayground.engine.wasm.host;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.filterplayground.engine.abi.MetricType;
import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.state.Metrics;
import java.util.List;

/**
 * Metrics with Envoy's rules ({@code Context::incrementMetric}, {@code recordMetric}, {@code
 * getMetric} in context.cc): counters only grow, histograms cannot be read back, and the kind an id
 * says in its low bits decides before the id is looked up.
 */
final class MetricHostcalls {
    private MetricHostcalls() {}

    static List<Hostcall> all() {
        FunctionType idAndI64 =
                FunctionType.of(List.of(ValType.I32, ValType.I64), List.of(ValType.I32));
        return List.of(
                Hostcall.of("proxy_define_metric", 4, MetricHostcalls::define),
                new Hostcall("proxy_increment_metric", idAndI64, MetricHostcalls::increment, true),
                new Hostcall("proxy_record_metric", idAndI64, MetricHostcalls::record, true),
                Hostcall.of("proxy_get_metric", 2, MetricHostcalls::get));
    }

    private static long define(HostcallContext vm, long[] a) {
        MetricType type = MetricType.of((int) a[0]);
        String name = vm.memory().readString((int) a[1], (int) a[2]);
        if (type == null) {
            return vm.hostcall(
                    "proxy_define_metric", WasmResult.BAD_ARGUMENT, "type", a[0], "name", name);
        }
        Metrics.Metric m = vm.env().metrics().define(name, type);
        if (m == null) {
            return vm.hostcallHint(
                    "proxy_define_metric",
                    WasmResult.BAD_ARGUMENT,
                    "the name is already a metric of another type",
                    "name",
                    name);
        }
        int id = vm.metricIds().define(m);
        vm.memory().writeU32((int) a[3], id);
        return vm.hostcall(
                "proxy_define_metric",
                WasmResult.OK,
                "type",
                type.displayName(),
                "name",
                m.name(),
                "metric_id",
                id);
    }

    /**
     * Whether the kind an id says in its two low bits (Envoy's {@code metric_id & kMetricTypeMask},
     * read before the lookup) is a counter's or a gauge's.
     */
    private static boolean counterOrGauge(int id) {
        MetricType kind = MetricType.of(id & 0x3);
        return kind == MetricType.COUNTER || kind == MetricType.GAUGE;
    }

    private static long increment(HostcallContext vm, long[] a) {
        int id = (int) a[0];
        long delta = a[1];
        if (!counterOrGauge(id)) {
            return vm.hostcallHint(
                    "proxy_increment_metric",
                    WasmResult.BAD_ARGUMENT,
                    "only counters and gauges are incremented (histograms are recorded)",
                    "metric_id",
                    id);
        }
        Metrics.Metric m = vm.metricIds().get(id);
        if (m == null) {
            return vm.hostcall("proxy_increment_metric", WasmResult.NOT_FOUND, "metric_id", id);
        }
        if (m.type() == MetricType.COUNTER && delta <= 0) {
            return vm.hostcallHint(
                    "proxy_increment_metric",
                    WasmResult.BAD_ARGUMENT,
                    "counters only grow",
                    "name",
                    m.name(),
                    "delta",
                    delta);
        }
        vm.env().metrics().add(m, vm.vmId(), delta);
        return vm.hostcall(
                "proxy_increment_metric", WasmResult.OK, "name", m.name(), "delta", delta);
    }

    /** Envoy: counter adds, gauge sets, histogram records. */
    private static long record(HostcallContext vm, long[] a) {
        int id = (int) a[0];
        long value = a[1];
        Metrics.Metric m = vm.metricIds().get(id);
        if (m == null) {
            return vm.hostcall("proxy_record_metric", WasmResult.NOT_FOUND, "metric_id", id);
        }
        switch (m.type()) {
            case COUNTER -> vm.env().metrics().add(m, vm.vmId(), value);
            case GAUGE -> vm.env().metrics().set(m, vm.vmId(), value);
            case HISTOGRAM -> vm.env().metrics().record(m, vm.vmId(), value);
        }
        return vm.hostcall("proxy_record_metric", WasmResult.OK, "name", m.name(), "value", value);
    }

    private static long get(HostcallContext vm, long[] a) {
        int id = (int) a[0];
        if (!counterOrGauge(id)) {
            return vm.hostcallHint(
                    "proxy_get_metric",
                    WasmResult.BAD_ARGUMENT,
                    "only counters and gauges can be read back",
                    "metric_id",
                    id);
        }
        Metrics.Metric m = vm.metricIds().get(id);
        if (m == null) {
            return vm.hostcall("proxy_get_metric", WasmResult.NOT_FOUND, "metric_id", id);
        }
        long v = vm.env().metrics().value(m);
        vm.memory().writeU64((int) a[1], v);
        return vm.hostcall("proxy_get_metric", WasmResult.OK, "name", m.name(), "value", v);
    }
}
