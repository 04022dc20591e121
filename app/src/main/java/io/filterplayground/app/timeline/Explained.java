package io.filterplayground.app.timeline;

import io.filterplayground.engine.abi.explain.Explanation;
import io.filterplayground.engine.abi.explain.Explanations;
import java.util.stream.Collectors;

/**
 * What the explanation pane shows for the selection: the callback or hostcall ({@code subject}),
 * what its result means ({@code outcome}: an action or a status, or null), and the engine's hint
 * about this very call (or null).
 */
public record Explained(String name, Explanation subject, Explanation outcome, String hint) {

    private static final Explanations ALL = Explanations.standard();

    /** A timeline callback and its result ({@code Continue}, {@code Pause}...). */
    static Explained of(TimelineRow row) {
        if (row == null || row.kind() != TimelineRow.Kind.CALLBACK) {
            return null;
        }
        return new Explained(
                row.detail(),
                ALL.find(row.detail()).orElse(null),
                ALL.find(row.action(), Explanation.Kind.ACTION).orElse(null),
                null);
    }

    /** A hostcall made inside a callback, its status and the engine's hint about it. */
    static Explained of(HostcallRow h) {
        return new Explained(
                h.name(),
                ALL.find(h.name(), Explanation.Kind.HOSTCALL).orElse(null),
                h.status() ? ALL.find(h.result(), Explanation.Kind.STATUS).orElse(null) : null,
                h.hint());
    }

    /** A tooltip's text: what the name is, then the other fields, one line each. */
    public static String tooltip(Explanation e) {
        return e.fields().stream()
                .map(
                        f ->
                                f.getKey().equals("What")
                                        ? f.getValue()
                                        : f.getKey() + ": " + f.getValue())
                .collect(Collectors.joining("\n"));
    }

    /** The tooltip of a name, or "" when it has no explanation. */
    public static String tooltip(String name) {
        return ALL.find(name).map(Explained::tooltip).orElse("");
    }
}
