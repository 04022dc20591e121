package io.filterplayground.engine.natives;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Envoy's {@code type.matcher.v3.StringMatcher}: exactly one of {@code exact}, {@code prefix},
 * {@code suffix}, {@code contains} or {@code safe_regex} (a whole-string match), optionally with
 * {@code ignore_case}. A plain string stands for {@code exact}.
 */
record StringMatcher(String how, String value, Pattern regex, boolean ignoreCase) {
    static final String[] FIELDS = {
        "exact", "prefix", "suffix", "contains", "safe_regex", "ignore_case"
    };

    /** Reads a matcher from a map ({@code {prefix: "https://"}}) or a plain string (exact). */
    static StringMatcher read(Object spec, NativeConfig owner, String at) {
        if (spec instanceof String s) {
            return new StringMatcher("exact", s, null, false);
        }
        if (!(spec instanceof Map<?, ?> m)) {
            throw owner.error(at + " must be a string or a map like {exact: ...} or {prefix: ...}");
        }
        String how = null;
        Object value = null;
        boolean ignoreCase = false;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            switch (key) {
                case "exact", "prefix", "suffix", "contains", "safe_regex" -> {
                    if (how != null) {
                        throw owner.error(
                                at
                                        + " must give one of exact, prefix, suffix, contains, safe_regex");
                    }
                    how = key;
                    value = e.getValue();
                }
                case "ignore_case" ->
                        ignoreCase = Boolean.parseBoolean(String.valueOf(e.getValue()));
                default ->
                        throw owner.error(
                                at
                                        + "."
                                        + key
                                        + " is not a field of a string matcher (exact, prefix,"
                                        + " suffix, contains, safe_regex, ignore_case)");
            }
        }
        if (how == null || value == null) {
            throw owner.error(at + " must give one of exact, prefix, suffix, contains, safe_regex");
        }
        if (how.equals("safe_regex")) {
            Object re = value instanceof Map<?, ?> r ? r.get("regex") : value;
            if (re == null) {
                throw owner.error(at + ".safe_regex needs a regex");
            }
            try {
                Pattern p =
                        Pattern.compile(
                                String.valueOf(re), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
                return new StringMatcher(how, String.valueOf(re), p, ignoreCase);
            } catch (PatternSyntaxException e) {
                throw owner.error(
                        at
                                + ".safe_regex is not a valid regular expression: "
                                + e.getDescription());
            }
        }
        return new StringMatcher(how, String.valueOf(value), null, ignoreCase);
    }

    boolean matches(String input) {
        if (input == null) {
            return false;
        }
        if (regex != null) {
            return regex.matcher(input).matches();
        }
        String in = ignoreCase ? input.toLowerCase(Locale.ROOT) : input;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        return switch (how) {
            case "exact" -> in.equals(v);
            case "prefix" -> in.startsWith(v);
            case "suffix" -> in.endsWith(v);
            default -> in.contains(v);
        };
    }

    @Override
    public String toString() {
        return how + " " + value;
    }
}
