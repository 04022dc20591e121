package io.filterplayground.app.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Token colouring for Lua scripts: keywords, {@code true} / {@code false} / {@code nil}, strings
 * (quoted and long brackets), comments (line and long), numbers (decimal and hex). A small scanner
 * rather than a regular expression, so long brackets ({@code [==[ ... ]==]}) and escapes are read
 * the way Lua reads them. Pure: text in, spans out.
 */
public final class LuaHighlighter {
    static final Set<String> KEYWORDS =
            Set.of(
                    "and",
                    "break",
                    "do",
                    "else",
                    "elseif",
                    "end",
                    "for",
                    "function",
                    "goto",
                    "if",
                    "in",
                    "local",
                    "not",
                    "or",
                    "repeat",
                    "return",
                    "then",
                    "until",
                    "while");
    static final Set<String> LITERALS = Set.of("true", "false", "nil");

    private LuaHighlighter() {}

    public static List<Span> spans(String text) {
        List<Span> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end;
                int level = longBracket(text, i + 2);
                if (level >= 0) {
                    end = closeLongBracket(text, i + 2 + level + 2, level);
                } else {
                    end = text.indexOf('\n', i);
                    end = end < 0 ? n : end;
                }
                out.add(new Span(i, end, "tok-comment"));
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = quoted(text, i, c);
                out.add(new Span(i, end, "tok-string"));
                i = end;
            } else if (c == '[' && longBracket(text, i) >= 0) {
                int level = longBracket(text, i);
                int end = closeLongBracket(text, i + level + 2, level);
                out.add(new Span(i, end, "tok-string"));
                i = end;
            } else if (Character.isDigit(c)
                    || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
                int end = number(text, i);
                out.add(new Span(i, end, "tok-number"));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < n
                        && (Character.isLetterOrDigit(text.charAt(end))
                                || text.charAt(end) == '_')) {
                    end++;
                }
                String word = text.substring(i, end);
                if (KEYWORDS.contains(word)) {
                    out.add(new Span(i, end, "tok-keyword"));
                } else if (LITERALS.contains(word)) {
                    out.add(new Span(i, end, "tok-literal"));
                }
                i = end;
            } else {
                i++;
            }
        }
        return out;
    }

    /** At {@code [} followed by {@code =}* and {@code [}: the number of {@code =}; else -1. */
    private static int longBracket(String text, int at) {
        if (at >= text.length() || text.charAt(at) != '[') {
            return -1;
        }
        int j = at + 1;
        while (j < text.length() && text.charAt(j) == '=') {
            j++;
        }
        return j < text.length() && text.charAt(j) == '[' ? j - at - 1 : -1;
    }

    /**
     * The end (exclusive) of a long bracket of {@code level} whose content starts at {@code from}.
     */
    private static int closeLongBracket(String text, int from, int level) {
        String close = "]" + "=".repeat(level) + "]";
        int end = text.indexOf(close, from);
        return end < 0 ? text.length() : end + close.length();
    }

    /** The end of a quoted string: the closing quote, or the end of the line when unclosed. */
    private static int quoted(String text, int start, char quote) {
        int j = start + 1;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (c == '\\' && j + 1 < text.length()) {
                j += 2;
            } else if (c == quote) {
                return j + 1;
            } else if (c == '\n') {
                return j;
            } else {
                j++;
            }
        }
        return j;
    }

    private static int number(String text, int start) {
        int n = text.length();
        int j = start;
        if (text.startsWith("0x", j) || text.startsWith("0X", j)) {
            j += 2;
            while (j < n && (Character.digit(text.charAt(j), 16) >= 0 || text.charAt(j) == '.')) {
                j++;
            }
            if (j < n && (text.charAt(j) == 'p' || text.charAt(j) == 'P')) {
                j = exponent(text, j);
            }
            return j;
        }
        while (j < n && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '.')) {
            j++;
        }
        if (j < n && (text.charAt(j) == 'e' || text.charAt(j) == 'E')) {
            j = exponent(text, j);
        }
        return j;
    }

    private static int exponent(String text, int at) {
        int j = at + 1;
        if (j < text.length() && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
            j++;
        }
        while (j < text.length() && Character.isDigit(text.charAt(j))) {
            j++;
        }
        return j;
    }
}
