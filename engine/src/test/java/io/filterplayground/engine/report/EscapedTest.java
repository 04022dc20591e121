package io.filterplayground.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EscapedTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteTextProtocolsOnOneLine() {
        assertThat(Escaped.text(utf8("GET k\r\n\tx\\y é"))).isEqualTo("GET k\\r\\n\\tx\\\\y é");
        assertThat(Escaped.text(new byte[] {0, 'a', 0x7f})).isEqualTo("\\x00a\\x7f");
    }

    @Test
    void shouldWriteBytesThatAreNotUtf8AsHex() {
        assertThat(Escaped.text(new byte[] {'o', 'k', (byte) 0xff, (byte) 0x80}))
                .isEqualTo("ok\\xff\\x80");
    }

    @Test
    void shouldReadBackWhatItWrote() {
        byte[][] samples = {
            utf8("PING\r\n"), new byte[] {0, 1, (byte) 0xfe, '\\', 'x'}, utf8("é\\n ok"), {}
        };
        for (byte[] b : samples) {
            assertThat(Escaped.bytes(Escaped.text(b))).isEqualTo(b);
        }
    }

    @Test
    void shouldKeepABackslashThatEscapesNothing() {
        assertThat(Escaped.bytes("a\\qb\\x4\\")).isEqualTo(utf8("a\\qb\\x4\\"));
        assertThat(Escaped.bytes("\\x41\\x42")).isEqualTo(utf8("AB"));
    }

    @Test
    void shouldCutLongText() {
        assertThat(Escaped.shortText(utf8("abcdef"), 3)).isEqualTo("abc...");
    }
}
