package io.filterplayground.engine.upstream;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The scenario's clusters by name: the route target and every callout's upstream. */
public final class Clusters {
    private final Map<String, Cluster> byName;

    public Clusters(Map<String, Cluster> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    public Cluster get(String name) {
        return byName.get(name);
    }

    public Map<String, Cluster> all() {
        return byName;
    }
}
