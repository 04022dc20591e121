package io.filterplayground.engine.error;

/**
 * Error messages are one line: text taken from untrusted input (a scenario's values, a module's
 * import names) is shown with its control characters escaped, so it cannot break or forge lines.
 */
public final class OneLine {
    private OneLine() {}

    /** {@code text} with each control character written as a backslash, u and 4 hex digits. */
    public static String escape(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                sb.append(String.format("\\u%04x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }
}
