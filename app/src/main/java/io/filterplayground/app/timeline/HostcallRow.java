package io.filterplayground.app.timeline;

/**
 * A hostcall made inside a callback: its spec name, decoded arguments, status name, and the
 * engine's plain-words hint when the outcome is surprising but Envoy-faithful.
 */
public record HostcallRow(long seq, String name, String args, String result, String hint) {
    public boolean ok() {
        return result == null || result.isEmpty() || result.equals("Ok");
    }
}
