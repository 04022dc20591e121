package io.filterplayground.app.cli;

import io.filterplayground.engine.debug.Debugger;
import io.filterplayground.engine.debug.Pause;
import io.filterplayground.engine.http.Header;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code run --break}: at each pause, prints what the filter is about to see and reads commands
 * until the user lets the stream go on. It answers on the stopped worker, so other streams of that
 * worker wait too, as in the window. End of input lets every stream run on.
 */
final class ConsoleDebugger implements Consumer<Pause> {
    static final String HELP =
            "c: continue · set NAME VALUE · add NAME VALUE · del NAME · body TEXT · show · run:"
                    + " continue without breakpoints";

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
                "paused " + p + " on " + p.worker() + (p.endOfStream() ? ", end of stream" : ""));
        show(headers, body);
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
                case "show" -> show(headers, body);
                case "set", "add" -> {
                    if (headers == null || w.length < 3) {
                        out.println(
                                headers == null
                                        ? "no headers here: this is a body stage"
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
                        out.println(headers == null ? "no headers here" : "usage: del NAME");
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
                case "body" -> {
                    if (body == null) {
                        out.println("no body here: this is a " + p.stage().wireName() + " stage");
                        continue;
                    }
                    String rest = line.trim().length() > 4 ? line.trim().substring(5) : "";
                    body = rest.getBytes(StandardCharsets.UTF_8);
                    out.println("  body (" + body.length + " bytes) set");
                    edited = true;
                }
                default -> out.println("unknown command '" + cmd + "'; " + HELP);
            }
        }
    }

    private void show(List<Header> headers, byte[] body) {
        if (headers != null) {
            for (Header h : headers) {
                out.println("  " + h.name() + ": " + h.value());
            }
        }
        if (body != null) {
            out.println(
                    "  body ("
                            + body.length
                            + " bytes): "
                            + new String(body, StandardCharsets.UTF_8));
        }
    }
}
