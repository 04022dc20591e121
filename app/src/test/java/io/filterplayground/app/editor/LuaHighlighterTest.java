package io.filterplayground.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LuaHighlighterTest {
    private static List<String> tokens(String text) {
        return LuaHighlighter.spans(text).stream()
                .map(s -> text.substring(s.start(), s.end()) + "=" + s.style())
                .toList();
    }

    @Test
    void shouldColourKeywordsStringsCommentsAndNumbers() {
        String text =
                """
                -- adds a header
                local function add(handle, n)
                  if n > 0x1F and n <= 3.5e2 then
                    handle:headers():add("x-a", 'it''s')
                  end
                  return nil
                end
                """;
        assertThat(tokens(text))
                .contains(
                        "-- adds a header=tok-comment",
                        "local=tok-keyword",
                        "function=tok-keyword",
                        "if=tok-keyword",
                        "0x1F=tok-number",
                        "and=tok-keyword",
                        "3.5e2=tok-number",
                        "then=tok-keyword",
                        "\"x-a\"=tok-string",
                        "'it'=tok-string",
                        "end=tok-keyword",
                        "return=tok-keyword",
                        "nil=tok-literal")
                .doesNotContain("handle=tok-keyword", "add=tok-keyword", "headers=tok-keyword");
    }

    @Test
    void shouldReadLongBracketsEscapesAndUnclosedStrings() {
        String text =
                "--[==[ a\n]] still comment ]==] x = [[multi\nline]] .. \"a\\\"b\" .. \"open\nfor";
        assertThat(tokens(text))
                .containsExactly(
                        "--[==[ a\n]] still comment ]==]=tok-comment",
                        "[[multi\nline]]=tok-string",
                        "\"a\\\"b\"=tok-string",
                        "\"open=tok-string",
                        "for=tok-keyword");
    }

    @Test
    void shouldNotColourKeywordsInsideNamesOrNumbersInsideNames() {
        assertThat(tokens("endpoint = x1 + _do + 2")).containsExactly("2=tok-number");
        assertThat(Highlighter.spans(ConfigSyntax.LUA, "while true do end"))
                .extracting(Span::style)
                .containsExactly("tok-keyword", "tok-literal", "tok-keyword", "tok-keyword");
    }
}
