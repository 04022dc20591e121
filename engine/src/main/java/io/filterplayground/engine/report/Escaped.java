package io.filterplayground.engine.report;

import io.filterplayground.engine.http.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Bytes on one line of text, C-style ({@code \r}, {@code \n}, {@code \t}, {@code \\}, {@code \xHH}
 * for any other control or non-UTF-8 byte), and back: TCP data is often a text protocol with CRLF,
 * sometimes binary, and a console shows and edits it on one line.
 */
public final class Escaped {
    private Escaped() {}

    /** The bytes as one line that {@link #bytes} turns back into the same bytes. */
    public static String text(byte[] b) {
        String utf8 = Utf8.orNull(b);
        StringBuilder out = new StringBuilder(b.length + 8);
        if (utf8 != null) {
            utf8.codePoints().forEach(c -> escape(c, out));
        } else {
            for (byte x : b) {
                int c = x & 0xff;
                escape(c < 0x80 ? c : -c, out);
            }
        }
        return out.toString();
    }

    /** {@link #text}, cut to {@code max} characters with "..." when longer. */
    public static String shortText(byte[] b, int max) {
        String t = text(b);
        return t.length() > max ? t.substring(0, max) + "..." : t;
    }

    /** The bytes a line written as {@link #text} stands for; a lone backslash stays itself. */
    public static byte[] bytes(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(line.length());
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            int next = i + 1 < line.length() ? line.charAt(i + 1) : -1;
            if (c != '\\' || next < 0) {
                int end = Character.isHighSurrogate(c) && i + 1 < line.length() ? i + 2 : i + 1;
                out.writeBytes(line.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
                continue;
            }
            switch (next) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case '\\' -> out.write('\\');
                case 'x' -> {
                    int v = hex(line, i + 2);
                    if (v >= 0) {
                        out.write(v);
                        i += 4;
                        continue;
                    }
                    out.write('\\');
                    i += 1;
                    continue;
                }
                default -> {
                    out.write('\\');
                    i += 1;
                    continue;
                }
            }
            i += 2;
        }
        return out.toByteArray();
    }

    /** A code point (or, negative, one raw byte of non-UTF-8 data). */
    private static void escape(int c, StringBuilder out) {
        switch (c) {
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            default -> {
                if (c < 0 || c < 0x20 || c == 0x7f) {
                    out.append(String.format("\\x%02x", Math.abs(c)));
                } else {
                    out.appendCodePoint(c);
                }
            }
        }
    }

    private static int hex(String s, int at) {
        if (at + 2 > s.length()) {
            return -1;
        }
        int hi = Character.digit(s.charAt(at), 16);
        int lo = Character.digit(s.charAt(at + 1), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }
}
