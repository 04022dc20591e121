package io.filterplayground.app.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token colouring for the configuration editors. Pure: text in, spans out, so it is tested without
 * a toolkit and the editor only maps spans to CSS classes.
 */
public final class Highlighter {
    private static final Pattern JSON_TOKENS =
            Pattern.compile(
                    "(?<key>\"(?:[^\"\\\\]|\\\\.)*\"(?=\\s*:))"
                            + "|(?<string>\"(?:[^\"\\\\]|\\\\.)*\"?)"
                            + "|(?<number>-?\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b)"
                            + "|(?<literal>\\b(?:true|false|null)\\b)"
                            + "|(?<punct>[{}\\[\\]:,])");

    private static final Pattern YAML_TOKENS =
            Pattern.compile(
                    "(?<comment>(?<=^|\\s)#[^\\n]*)"
                            + "|(?<key>(?<=^|\\n)[ \\t]*(?:- +)?[^\\s#:\\-\"'{}\\[\\],][^:\\n#]*?(?=:(?:\\s|$)))"
                            + "|(?<string>\"(?:[^\"\\\\\\n]|\\\\.)*\"?|'(?:[^'\\n]|'')*'?)"
                            + "|(?<number>(?<=[\\s:\\[,-]|^)-?\\d+(?:\\.\\d+)?(?=\\s|,|\\]|}|$))"
                            + "|(?<literal>\\b(?:true|false|null|yes|no|on|off|~)\\b)"
                            + "|(?<punct>[{}\\[\\]:,]|(?<=^|\\n)[ \\t]*-(?= ))",
                    Pattern.MULTILINE);

    private Highlighter() {}

    public static List<Span> spans(ConfigSyntax syntax, String text) {
        return switch (syntax) {
            case JSON -> scan(JSON_TOKENS, text, "key", "string", "number", "literal", "punct");
            case YAML ->
                    scan(
                            YAML_TOKENS,
                            text,
                            "comment",
                            "key",
                            "string",
                            "number",
                            "literal",
                            "punct");
            case LUA -> LuaHighlighter.spans(text);
            case TEXT -> List.of();
        };
    }

    private static List<Span> scan(Pattern p, String text, String... groups) {
        List<Span> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            for (String g : groups) {
                if (m.group(g) != null) {
                    int start = m.start(g);
                    if (g.equals("key")) {
                        // YAML keys may start after indentation or a list dash: colour the name
                        // only.
                        while (start < m.end(g)
                                && (Character.isWhitespace(text.charAt(start))
                                        || text.charAt(start) == '-')) {
                            start++;
                        }
                    }
                    if (start < m.end(g)) {
                        out.add(new Span(start, m.end(g), "tok-" + g));
                    }
                    break;
                }
            }
        }
        return out;
    }
}
