package io.filterplayground.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditorModelTest {
    @Test
    void shouldColourJsonTokens() {
        String text = "{\"a\": [1, true, \"s\"]}";
        List<Span> spans = Highlighter.spans(ConfigSyntax.JSON, text);
        assertThat(spans)
                .extracting(s -> text.substring(s.start(), s.end()) + "=" + s.style())
                .contains("\"a\"=tok-key", "1=tok-number", "true=tok-literal", "\"s\"=tok-string");
    }

    @Test
    void shouldColourYamlKeysAndComments() {
        String text = "# note\nheader: x-user\nvalues:\n  - mallory\nstatus: 403\n";
        List<Span> spans = Highlighter.spans(ConfigSyntax.YAML, text);
        assertThat(spans)
                .extracting(s -> text.substring(s.start(), s.end()) + "=" + s.style())
                .contains(
                        "# note=tok-comment", "header=tok-key", "values=tok-key", "403=tok-number");
    }

    @Test
    void shouldCheckAndConvert() {
        assertThat(ConfigCheck.check(ConfigSyntax.JSON, "{\"a\":1}").ok()).isTrue();
        ConfigCheck.Result bad = ConfigCheck.check(ConfigSyntax.JSON, "{\"a\":");
        assertThat(bad.error()).isFalse();
        assertThat(bad.message()).startsWith("Not valid JSON (line 1");
        assertThat(ConfigCheck.check(ConfigSyntax.YAML, "a: 1").payload()).isEqualTo("{\"a\":1}");
        assertThat(ConfigCheck.check(ConfigSyntax.YAML, "a: [").error()).isTrue();
        assertThat(ConfigCheck.check(ConfigSyntax.TEXT, "anything {").payload())
                .isEqualTo("anything {");
        assertThat(ConfigCheck.jsonToYaml("{\"a\":1}")).isEqualTo("a: 1\n");
        assertThat(ConfigSyntax.guess(" {\"a\":1}")).isEqualTo(ConfigSyntax.JSON);
        assertThat(ConfigSyntax.guess("trap@request_headers")).isEqualTo(ConfigSyntax.TEXT);
    }
}
