package io.filterplayground.engine.scenario;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of the playground, for scenario files, native filter configs and the
 * window's fields: a number, perhaps with a fraction, and a unit ({@code ns}, {@code us}, {@code
 * ms}, {@code s}, {@code m}, {@code h}, any case): {@code 250ms}, {@code 1.5s}, {@code 2m}. Without
 * a unit the number is milliseconds, where the caller allows it.
 */
public final class Durations {
    private static final Pattern GRAMMAR =
            Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)?\\s*");

    private Durations() {}

    /** The milliseconds {@code text} spells (rounded), or empty when it is not a duration. */
    public static OptionalLong millis(String text) {
        return parse(text, false);
    }

    /** As {@link #millis(String)}, but a bare number (no unit) is not a duration either. */
    public static OptionalLong millisWithUnit(String text) {
        return parse(text, true);
    }

    private static OptionalLong parse(String text, boolean unitRequired) {
        Matcher m = GRAMMAR.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        if (!m.matches() || (unitRequired && m.group(2) == null)) {
            return OptionalLong.empty();
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        double ms =
                switch (unit) {
                    case "ns" -> v / 1_000_000.0;
                    case "us" -> v / 1000.0;
                    case "s" -> v * 1000;
                    case "m" -> v * 60_000;
                    case "h" -> v * 3_600_000;
                    default -> v;
                };
        return OptionalLong.of(Math.round(ms));
    }

    /** How a scenario file writes a duration: {@code 250ms}. */
    public static String text(long millis) {
        return millis + "ms";
    }

    /** How the window shows one: {@code 1.5 s}, {@code 250 ms}. */
    public static String display(long millis) {
        if (millis >= 1000) {
            String s = String.format(Locale.ROOT, "%.3f", millis / 1000.0);
            return s.replaceAll("0+$", "").replaceAll("\\.$", "") + " s";
        }
        return millis + " ms";
    }
}
