package io.filterplayground.engine.abi;

/** {@code proxy_metric_type_t}. */
public enum MetricType {
    COUNTER("counter"),
    GAUGE("gauge"),
    HISTOGRAM("histogram");

    private static final MetricType[] BY_CODE = values();
    private final String displayName;

    MetricType(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    public static MetricType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
