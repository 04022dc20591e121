package io.filterplayground.engine.scenario;

import java.util.Locale;

/** Envoy's {@code PluginConfig.failure_policy}: what a trapped VM means for traffic. */
public enum FailurePolicy {
    /**
     * 503 for the stream that trapped and for every later stream on that worker (Envoy's default).
     */
    FAIL_CLOSED("failClosed"),
    /** The failed filter steps aside: later streams on that worker run without it. */
    FAIL_OPEN("failOpen"),
    /** A fresh VM (new root context) for the next stream, rate-limited by a back-off. */
    FAIL_RELOAD("failReload");

    private final String displayName;

    FailurePolicy(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    public static FailurePolicy parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        for (FailurePolicy p : values()) {
            if (p.displayName.toLowerCase(Locale.ROOT).equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "unknown failure policy '" + text + "' (failClosed, failOpen or failReload)");
    }
}
