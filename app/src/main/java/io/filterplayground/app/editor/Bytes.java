package io.filterplayground.app.editor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Bytes as the window shows and edits them: UTF-8 text, hex pairs (16 a line, editable), a hex dump
 * with offsets and the printable characters (read-only), and one-line text with C-style escapes
 * ({@code PING\r\n}, {@code \x00}) for the connection composer's chunks.
 */
public final class Bytes {
    private static final int LINE = 16;

    private Bytes() {}

    /** The bytes as UTF-8 text (malformed sequences replaced). */
    public static String text(byte[] b) {
        return b == null ? "" : new String(b, StandardCharsets.UTF_8);
    }

    /** Whether the bytes are well-formed UTF-8. */
    public static boolean isText(byte[] b) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** {@code 50 49 4e 47}, {@value #LINE} pairs a line: what {@link #parseHex} reads back. */
    public static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; b != null && i < b.length; i++) {
            if (i > 0) {
                sb.append(i % LINE == 0 ? '\n' : ' ');
            }
            sb.append(String.format(Locale.ROOT, "%02x", b[i] & 0xff));
        }
        return sb.toString();
    }

    /** A read-only dump: {@code 0000 50 49 4e 47 0d 0a ... PING..}, one line per 16 bytes. */
    public static String dump(byte[] b) {
        if (b == null || b.length == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int at = 0; at < b.length; at += LINE) {
            StringBuilder chars = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%04x ", at));
            for (int i = at; i < at + LINE; i++) {
                if (i < b.length) {
                    int v = b[i] & 0xff;
                    sb.append(String.format(Locale.ROOT, " %02x", v));
                    chars.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
                } else {
                    sb.append("   ");
                }
            }
            sb.append("  ").append(chars).append('\n');
        }
        return sb.toString();
    }

    /**
     * Reads hex pairs, with or without spaces or line breaks between them ({@code 0x} prefixes
     * allowed); throws IllegalArgumentException naming what is not hex.
     */
    public static byte[] parseHex(String text) {
        String s = text == null ? "" : text.replaceAll("(?i)0x", "").replaceAll("\\s+", "");
        if (!s.matches("[0-9a-fA-F]*")) {
            String bad = s.replaceAll("[0-9a-fA-F]", "");
            throw new IllegalArgumentException("'" + bad.charAt(0) + "' is not a hex digit");
        }
        if (s.length() % 2 != 0) {
            throw new IllegalArgumentException("hex digits come in pairs (one is missing)");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /**
     * One line of UTF-8 text with {@code \r}, {@code \n}, {@code \t}, {@code \\} and {@code \xHH}
     * for the bytes a text field cannot hold; what {@link #unescape} reads back.
     */
    public static String escape(byte[] b) {
        return escape(b, false);
    }

    /** As {@link #escape(byte[])}, but line breaks stay line breaks (for a text area). */
    public static String escapeLines(byte[] b) {
        return escape(b, true);
    }

    private static String escape(byte[] b, boolean lines) {
        String t = text(b);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append(lines ? "\n" : "\\n");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** The bytes of escaped text; throws IllegalArgumentException on an unknown escape. */
    public static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String s = text == null ? "" : text;
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '\\') {
                continue;
            }
            out.writeBytes(s.substring(plain, i).getBytes(StandardCharsets.UTF_8));
            char e = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    String h = i + 4 <= s.length() ? s.substring(i + 2, i + 4) : "";
                    if (!h.matches("[0-9a-fA-F]{2}")) {
                        throw new IllegalArgumentException("\\x takes two hex digits (\\x0a)");
                    }
                    out.write(Integer.parseInt(h, 16));
                    i += 2;
                }
                default ->
                        throw new IllegalArgumentException(
                                "unknown escape '\\"
                                        + e
                                        + "' (\\r \\n \\t \\\\ \\xHH; hex for raw bytes)");
            }
            i++;
            plain = i + 1;
        }
        out.writeBytes(s.substring(plain).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
