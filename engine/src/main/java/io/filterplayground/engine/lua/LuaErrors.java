package io.filterplayground.engine.lua;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns LuaJ's error texts into Envoy's ({@code [string "..."]:3: attempt to ...}) and plain words.
 */
final class LuaErrors {
    private static final Pattern SYNTAX =
            Pattern.compile("\\[string \".*?\"\\]:(\\d+): (.*)", Pattern.DOTALL);
    private static final Pattern SYMBOL = Pattern.compile("symbol \\d+ \\((.+?)\\)");

    private LuaErrors() {}

    /**
     * A runtime error as Envoy logs it: LuaJ writes {@code chunk:3 message}, Lua and Envoy write
     * {@code [string "chunk"]:3: message}.
     */
    static String runtime(String chunk, String message) {
        String m = message == null ? "unknown error" : message.strip();
        String prefix = chunk + ":";
        if (m.startsWith(prefix)) {
            int i = prefix.length();
            int j = i;
            while (j < m.length() && Character.isDigit(m.charAt(j))) {
                j++;
            }
            if (j > i) {
                String rest = m.substring(j);
                if (rest.startsWith(": ")) {
                    rest = rest.substring(2);
                } else if (rest.startsWith(" ") || rest.startsWith(":")) {
                    rest = rest.substring(1);
                }
                return "[string \"" + chunk + "\"]:" + m.substring(i, j) + ": " + rest;
            }
        }
        return m;
    }

    /** The line of an error in Envoy's form, or -1. */
    static int line(String normalized) {
        Matcher m = SYNTAX.matcher(normalized);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** A compile error as one plain sentence: {@code Lua syntax error at line 3: ...}. */
    static String syntax(String message) {
        String m = message == null ? "unknown error" : message.strip();
        m = SYMBOL.matcher(m).replaceAll("symbol '$1'");
        Matcher x = SYNTAX.matcher(m);
        if (x.matches()) {
            return "Lua syntax error at line " + x.group(1) + ": " + x.group(2);
        }
        return "Lua syntax error: " + m;
    }
}
