package io.filterplayground.engine.abi;

import java.util.Locale;

/** {@code proxy_log_level_t}. */
public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    CRITICAL;

    private static final LogLevel[] BY_CODE = values();

    private final String displayName = name().toLowerCase(Locale.ROOT);

    public int code() {
        return ordinal();
    }

    public String displayName() {
        return displayName;
    }

    public static LogLevel of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * Parses {@code info}, {@code WARN}, {@code warning}, {@code err}... as a user would type them.
     */
    public static LogLevel parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "warning":
                return WARN;
            case "err":
                return ERROR;
            default:
                for (LogLevel l : BY_CODE) {
                    if (l.displayName().equals(t)) {
                        return l;
                    }
                }
                throw new IllegalArgumentException(
                        "unknown log level '"
                                + text
                                + "' (trace, debug, info, warn, error, critical)");
        }
    }
}
