package io.filterplayground.app.timeline;

/**
 * A hostcall made inside a callback: its spec name, decoded arguments, status name, and the
 * engine's plain-words hint when the outcome is surprising but Envoy-faithful. For a Lua filter a
 * "hostcall" is a call of the handle's API and its result is the value it returned, so only a Wasm
 * status other than {@code Ok} counts as a failure ({@code status} false for Lua rows).
 */
public record HostcallRow(
        long seq, String name, String args, String result, String hint, boolean status) {

    public HostcallRow(long seq, String name, String args, String result, String hint) {
        this(seq, name, args, result, hint, true);
    }

    public boolean ok() {
        return !status || result == null || result.isEmpty() || result.equals("Ok");
    }
}
