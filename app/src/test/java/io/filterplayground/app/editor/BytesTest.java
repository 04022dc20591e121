package io.filterplayground.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.app.request.ConnectionStepRow;
import io.filterplayground.engine.scenario.ConnectionStep;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BytesTest {
    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldEscapeWhatATextControlCannotHoldAndReadItBack() {
        byte[] odd = {'a', 0, '\\', '\t', 0x7f, 0, (byte) 0xc3, (byte) 0xa9};
        assertThat(Bytes.escape(PING)).isEqualTo("PING\\r\\n");
        assertThat(Bytes.escapeLines(PING)).isEqualTo("PING\\r\n");
        assertThat(Bytes.unescape("PING\\r\\n")).isEqualTo(PING);
        assertThat(Bytes.unescape(Bytes.escapeLines(PING))).isEqualTo(PING);
        assertThat(Bytes.unescape(Bytes.escape(odd))).isEqualTo(odd);
        assertThat(Bytes.escape(odd)).isEqualTo("a\\x00\\\\\\t\\x7f\\x00é");
        assertThatThrownBy(() -> Bytes.unescape("bad \\q"))
                .hasMessageStartingWith("unknown escape '\\q'");
        assertThatThrownBy(() -> Bytes.unescape("\\x1")).hasMessageContaining("two hex digits");
    }

    @Test
    void shouldWriteAndReadHexAndDumpIt() {
        assertThat(Bytes.hex(PING)).isEqualTo("50 49 4e 47 0d 0a");
        assertThat(Bytes.parseHex("50 49 4e 47\n0d0a")).isEqualTo(PING);
        assertThat(Bytes.parseHex("0x50 0x49")).isEqualTo(new byte[] {0x50, 0x49});
        assertThat(Bytes.hex(new byte[17])).contains("\n");
        assertThat(Bytes.dump(PING))
                .isEqualTo("0000  50 49 4e 47 0d 0a" + " ".repeat(30) + "  PING..\n");
        assertThatThrownBy(() -> Bytes.parseHex("5g")).hasMessage("'g' is not a hex digit");
        assertThatThrownBy(() -> Bytes.parseHex("504")).hasMessageContaining("pairs");
        assertThat(Bytes.isText(PING)).isTrue();
        assertThat(Bytes.isText(new byte[] {(byte) 0xff})).isFalse();
    }

    @Test
    void shouldKeepAChunksBytesWhenItIsShownTheOtherWay() {
        ConnectionStepRow row = ConnectionStepRow.send("PING\\r\\n");
        row.hexProperty().set(true);
        assertThat(row.dataProperty().get()).isEqualTo("50 49 4e 47 0d 0a");
        row.hexProperty().set(false);
        assertThat(row.dataProperty().get()).isEqualTo("PING\\r\\n");
        assertThat(row.toStep()).isEqualTo(new ConnectionStep.Send(PING, false));
        // Bytes that are not text open as hex.
        ConnectionStepRow binary =
                ConnectionStepRow.of(new ConnectionStep.Send(new byte[] {(byte) 0xff, 1}, true));
        assertThat(binary.hexProperty().get()).isTrue();
        assertThat(binary.dataProperty().get()).isEqualTo("ff 01");
        assertThat(binary.endStreamProperty().get()).isTrue();
    }
}
