package io.filterplayground.app.workspace;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as the scenario file writes them: {@code 250ms}, {@code 1s}, {@code 1.5m}. */
public final class Durations {
    private static final Pattern DURATION =
            Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?\\s*");

    private Durations() {}

    /** Milliseconds; throws IllegalArgumentException with a plain message. */
    public static long parseMillis(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration (e.g. 250ms, 1s, 2m)");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        double ms =
                switch (unit) {
                    case "s" -> v * 1000;
                    case "m" -> v * 60_000;
                    case "h" -> v * 3_600_000;
                    default -> v;
                };
        return Math.round(ms);
    }

    /** {@code 1.5 s}, {@code 250 ms}. */
    public static String format(long millis) {
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%s s", trim(millis / 1000.0));
        }
        return millis + " ms";
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
