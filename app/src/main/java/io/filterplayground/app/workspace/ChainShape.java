package io.filterplayground.app.workspace;

import io.filterplayground.app.chain.FilterItem;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.scenario.AccessLoggerSpec;
import io.filterplayground.engine.scenario.FilterSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chain's filter names (in order) and styles, then its access loggers (style {@code logger}),
 * as the timeline shows them.
 */
record ChainShape(Playground playground, List<String> names, Map<String, String> styles) {
    static final ChainShape NONE = new ChainShape(null, List.of(), Map.of());

    static ChainShape of(Playground p) {
        if (p == null) {
            return NONE;
        }
        List<String> names = new ArrayList<>();
        Map<String, String> styles = new HashMap<>();
        for (FilterSpec f : p.scenario().filters()) {
            if (f.enabled()) {
                names.add(f.name());
                styles.put(f.name(), FilterItem.styleOf(f));
            }
        }
        for (AccessLoggerSpec a : p.scenario().accessLoggers()) {
            if (a.enabled()) {
                names.add(a.name());
                styles.put(a.name(), FilterItem.LOGGER);
            }
        }
        return new ChainShape(p, List.copyOf(names), Map.copyOf(styles));
    }
}
