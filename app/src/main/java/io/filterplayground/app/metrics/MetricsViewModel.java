package io.filterplayground.app.metrics;

import io.filterplayground.app.workspace.Lists;
import io.filterplayground.engine.PlaygroundSnapshot;
import io.filterplayground.engine.abi.MetricType;
import io.filterplayground.engine.state.Metrics;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Filter-defined metrics: counters, gauges and histograms, in total and per VM. */
public final class MetricsViewModel {
    /** A row of the metrics table. */
    public record MetricRow(String name, String type, String value, String perVm) {}

    private final ObservableList<MetricRow> rows = FXCollections.observableArrayList();

    public void update(PlaygroundSnapshot s) {
        Lists.update(rows, s.metrics().stream().map(MetricsViewModel::row).toList());
    }

    static MetricRow row(Metrics.Row m) {
        String value =
                m.type() == MetricType.HISTOGRAM
                        ? m.count()
                                + " samples · min "
                                + m.min()
                                + " · max "
                                + m.max()
                                + " · mean "
                                + (m.count() == 0 ? 0 : m.sum() / m.count())
                        : Long.toString(m.value());
        return new MetricRow(m.name(), m.type().displayName(), value, perVm(m.perVm()));
    }

    private static String perVm(Map<String, Long> perVm) {
        return perVm.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(" · "));
    }

    public ObservableList<MetricRow> rows() {
        return rows;
    }
}
