package io.filterplayground.app.cli;

import io.filterplayground.engine.debug.Debugger;
import io.filterplayground.engine.debug.Pause;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.report.Escaped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code run --break}: at each pause, prints what the filter is about to see (headers, a body, or a
 * network filter's data, bytes escaped on one line) and reads commands until the user lets the
 * stream go on. It answers on the stopped worker, so other streams of that worker wait too, as in
 * the window. End of input lets every stream run on.
 */
final class ConsoleDebugger implements Consumer<Pause> {
    static final String HELP =
            "c: continue · set NAME VALUE · add NAME VALUE · del NAME · body TEXT (\\r \\n \\t"
                    + " \\xHH escapes) · show · run: continue without breakpoints";

    private final Debugger debugger;
    private final BufferedReader in;
    private final PrintWriter out;

    ConsoleDebugger(Debugger debugger, BufferedReader in, PrintWriter out) {
        this.debugger = debugger;
        this.in = in;
        this.out = out;
    }

    @Override
    public synchronized void accept(Pause p) {
        List<Header> headers = p.headers() == null ? null : new ArrayList<>(p.headers().entries());
        byte[] body = p.body();
        out.println(
                "paused "
                        + heading(p)
                        + " on "
                        + p.worker()
                        + (p.endOfStream() ? ", end of stream" : ""));
        String what = p.stage().isNetwork() ? "data" : "body";
        show(headers, what, body);
        out.println(HELP);
        boolean edited = false;
        while (true) {
            out.print("debug> ");
            out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                line = null;
            }
            if (line == null) {
                out.println("(end of input: the streams run on without breakpoints)");
                debugger.setBreakpoints(List.of());
                p.resume(null);
                return;
            }
            String[] w = line.trim().split("\\s+", 3);
            String cmd = w[0];
            switch (cmd) {
                case "c", "continue", "" -> {
                    if (cmd.isEmpty()) {
                        continue;
                    }
                    p.resume(edited ? new Pause.Edit(headers, body) : null);
                    return;
                }
                case "run" -> {
                    debugger.setBreakpoints(List.of());
                    p.resume(edited ? new Pause.Edit(headers, body) : null);
                    return;
                }
                case "show" -> show(headers, what, body);
                case "set", "add" -> {
                    if (headers == null || w.length < 3) {
                        out.println(
                                headers == null
                                        ? "no headers here: this is a "
                                                + p.stage().wireName()
                                                + " stage"
                                        : "usage: " + cmd + " NAME VALUE");
                        continue;
                    }
                    String name = w[1].toLowerCase(java.util.Locale.ROOT);
                    if (cmd.equals("set")) {
                        headers.removeIf(h -> h.name().equals(name));
                    }
                    headers.add(new Header(name, w[2]));
                    out.println(
                            "  "
                                    + name
                                    + ": "
                                    + w[2]
                                    + (cmd.equals("set") ? " (set)" : " (added)"));
                    edited = true;
                }
                case "del" -> {
                    if (headers == null || w.length < 2) {
                        out.println(
                                headers == null
                                        ? "no headers here: this is a "
                                                + p.stage().wireName()
                                                + " stage"
                                        : "usage: del NAME");
                        continue;
                    }
                    String name = w[1].toLowerCase(java.util.Locale.ROOT);
                    if (!headers.removeIf(h -> h.name().equals(name))) {
                        out.println("no header " + name);
                        continue;
                    }
                    out.println("  " + name + " (removed)");
                    edited = true;
                }
                case "body", "data" -> {
                    if (body == null) {
                        out.println("no body here: this is a " + p.stage().wireName() + " stage");
                        continue;
                    }
                    // The rest of the line after the command and one space, escapes read.
                    String rest = line.strip().substring(cmd.length());
                    body = Escaped.bytes(rest.isEmpty() ? rest : rest.substring(1));
                    out.println("  " + what + " (" + body.length + " bytes) set");
                    edited = true;
                }
                default -> out.println("unknown command '" + cmd + "'; " + HELP);
            }
        }
    }

    /** "before tcp · downstream_data (connection 1)": a network stage pauses a connection. */
    private static String heading(Pause p) {
        return p.stage().isNetwork()
                ? "before "
                        + p.filter()
                        + " · "
                        + p.stage().wireName()
                        + " (connection "
                        + p.streamId()
                        + ")"
                : p.toString();
    }

    private void show(List<Header> headers, String what, byte[] body) {
        if (headers != null) {
            for (Header h : headers) {
                out.println("  " + h.name() + ": " + h.value());
            }
        }
        if (body != null) {
            out.println("  " + what + " (" + body.length + " bytes): " + Escaped.text(body));
        }
    }
}
