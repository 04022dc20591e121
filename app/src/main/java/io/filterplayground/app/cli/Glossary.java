package io.filterplayground.app.cli;

import io.filterplayground.engine.abi.explain.Explanation;
import io.filterplayground.engine.abi.explain.Explanations;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names a readable report showed (callbacks, hostcalls, results), for {@code run --explain}:
 * each explained once at the end, in the order they first appeared.
 */
final class Glossary {
    private final boolean on;
    private final Set<String> seen = new LinkedHashSet<>();

    private Glossary(boolean on) {
        this.on = on;
    }

    static Glossary off() {
        return new Glossary(false);
    }

    static Glossary on() {
        return new Glossary(true);
    }

    boolean isOn() {
        return on;
    }

    void saw(String name) {
        if (on && name != null) {
            seen.add(name);
        }
    }

    void print(PrintWriter out) {
        if (!on) {
            return;
        }
        out.printf("%nWhat these names mean%n");
        Explanations all = Explanations.standard();
        for (String name : seen) {
            Optional<Explanation> e = all.find(name);
            e.ifPresent(x -> print(out, x));
        }
    }

    /** One explanation: its name and kind, then each field on its own indented lines. */
    static void print(PrintWriter out, Explanation e) {
        out.printf("%n  %s (%s)%n", e.name(), e.kind().displayName());
        for (Map.Entry<String, String> f : e.fields()) {
            out.printf("    %-15s %s%n", f.getKey() + ":", f.getValue());
        }
    }
}
