package io.filterplayground.app.debug;

import io.filterplayground.app.editor.Bytes;
import io.filterplayground.engine.debug.Pause;
import io.filterplayground.engine.http.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The streams stopped at breakpoints, oldest first, and the one being looked at: what its filter is
 * about to see, as editable text ({@code name: value} lines, or the body; a connection's bytes as
 * text or hex), and the way on. Call on the UI thread.
 */
public final class DebugViewModel {
    private final ObservableList<Pause> waiting = FXCollections.observableArrayList();
    private final ObjectProperty<Pause> current = new SimpleObjectProperty<>();
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final BooleanProperty hex = new SimpleBooleanProperty(false);
    private final Runnable clearBreakpoints;
    private String shown = "";
    private boolean showing;

    /** {@code clearBreakpoints} removes every breakpoint of the chain. */
    public DebugViewModel(Runnable clearBreakpoints) {
        this.clearBreakpoints = clearBreakpoints;
        hex.addListener((o, was, now) -> convert(was));
    }

    /** A stream stopped. */
    public void add(Pause p) {
        if (!p.resumed()) {
            waiting.add(p);
            if (current.get() == null) {
                show(p);
            }
        }
    }

    /** Lets the current stream go on with what the text says now. */
    public void continueCurrent() {
        Pause p = current.get();
        if (p == null) {
            return;
        }
        Pause.Edit edit;
        try {
            edit = edit(p, text.get());
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return;
        }
        p.resume(edit);
        next(p);
    }

    /** Removes every breakpoint and lets every stopped stream go on as it is. */
    public void continueAll() {
        clearBreakpoints.run();
        for (Pause p : List.copyOf(waiting)) {
            p.resume(null);
        }
        waiting.clear();
        show(null);
    }

    /** The engine restarted: its stopped streams were let go. */
    public void clear() {
        waiting.clear();
        show(null);
    }

    private void next(Pause done) {
        waiting.remove(done);
        show(waiting.isEmpty() ? null : waiting.get(0));
    }

    private void show(Pause p) {
        showing = true;
        try {
            current.set(p);
            // Bytes that are not text open as hex.
            hex.set(p != null && p.body() != null && !Bytes.isText(p.body()));
            shown = p == null ? "" : format(p, hex.get());
            text.set(shown);
            problem.set("");
        } finally {
            showing = false;
        }
    }

    /** The body shown the other way: what was typed keeps its bytes. */
    private void convert(boolean wasHex) {
        Pause p = current.get();
        if (showing || p == null || p.headers() != null) {
            return;
        }
        String typed = text.get();
        boolean untouched = typed.equals(shown);
        shown = format(p, hex.get());
        try {
            boolean network = p.stage().isNetwork();
            text.set(untouched ? shown : render(bytes(typed, wasHex, network), hex.get(), network));
            problem.set("");
        } catch (IllegalArgumentException e) {
            problem.set((wasHex ? "Hex: " : "Text: ") + e.getMessage());
        }
    }

    /**
     * {@code name: value} per line for headers or trailers; the body as text, or hex; a
     * connection's bytes as text with escapes ({@code \r}, {@code \xHH}), or hex.
     */
    static String format(Pause p, boolean asHex) {
        if (p.headers() != null) {
            StringBuilder sb = new StringBuilder();
            for (Header h : p.headers()) {
                sb.append(h.name()).append(": ").append(h.value()).append('\n');
            }
            return sb.toString();
        }
        return render(p.body() == null ? new byte[0] : p.body(), asHex, p.stage().isNetwork());
    }

    private static String render(byte[] b, boolean asHex, boolean escaped) {
        return asHex ? Bytes.hex(b) : escaped ? Bytes.escapeLines(b) : Bytes.text(b);
    }

    private static byte[] bytes(String typed, boolean asHex, boolean escaped) {
        if (asHex) {
            return Bytes.parseHex(typed);
        }
        return escaped ? Bytes.unescape(typed) : typed.getBytes(StandardCharsets.UTF_8);
    }

    /** What the text asks for; null when it is what was shown. */
    Pause.Edit edit(Pause p, String now) {
        if (now.equals(shown)) {
            return null;
        }
        if (p.headers() == null) {
            try {
                return new Pause.Edit(null, bytes(now, hex.get(), p.stage().isNetwork()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        (hex.get() ? "Hex: " : "Text: ") + e.getMessage());
            }
        }
        List<Header> headers = new ArrayList<>();
        int n = 0;
        for (String line : now.split("\n", -1)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            // Pseudo-headers start with ':', so the separator is the first ':' after the name.
            int colon = line.indexOf(':', line.startsWith(":") ? 1 : 0);
            String name = colon < 0 ? "" : line.substring(0, colon).trim();
            if (name.isEmpty() || name.equals(":")) {
                throw new IllegalArgumentException("Line " + n + ": write a header as name: value");
            }
            headers.add(
                    new Header(name.toLowerCase(Locale.ROOT), line.substring(colon + 1).trim()));
        }
        return new Pause.Edit(headers, null);
    }

    public ObservableList<Pause> waiting() {
        return waiting;
    }

    public ReadOnlyObjectProperty<Pause> currentProperty() {
        return current;
    }

    public StringProperty textProperty() {
        return text;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    /** The body (a connection's bytes) as hex pairs rather than text. */
    public BooleanProperty hexProperty() {
        return hex;
    }
}
