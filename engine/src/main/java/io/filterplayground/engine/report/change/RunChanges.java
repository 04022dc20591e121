package io.filterplayground.engine.report.change;

import java.util.List;

/**
 * The differences between two runs of a scenario: each request and connection compared ({@code
 * items}, in this run's order, then those only the earlier run had), and a one-line summary for a
 * message bar or a terminal.
 */
public record RunChanges(List<ItemChanges> items) {
    /** How many headlines the summary names before "and N more". */
    private static final int SUMMARY_NAMES = 3;

    public RunChanges {
        items = List.copyOf(items);
    }

    public List<ItemChanges> changed() {
        return items.stream().filter(ItemChanges::changed).toList();
    }

    public boolean identical() {
        return changed().isEmpty();
    }

    /** Every change, flattened (for tests and counts). */
    public List<Change> all() {
        return items.stream().flatMap(i -> i.changes().stream()).toList();
    }

    /**
     * {@code 2 requests changed: mallory now 200 (was 403); alice: ...}, or {@code no change in 3
     * requests}.
     */
    public String summary() {
        List<ItemChanges> changed = changed();
        if (changed.isEmpty()) {
            return "no change in " + count(items.size(), items);
        }
        // A new status (or a new or missing request) first: it is what a reader looks for.
        changed =
                java.util.stream.Stream.concat(
                                changed.stream().filter(ItemChanges::outcomeChanged),
                                changed.stream().filter(i -> !i.outcomeChanged()))
                        .toList();
        StringBuilder sb = new StringBuilder(count(changed.size(), changed)).append(" changed: ");
        for (int i = 0; i < Math.min(SUMMARY_NAMES, changed.size()); i++) {
            sb.append(i == 0 ? "" : "; ").append(changed.get(i).headline());
        }
        if (changed.size() > SUMMARY_NAMES) {
            sb.append("; and ").append(changed.size() - SUMMARY_NAMES).append(" more");
        }
        return sb.toString();
    }

    /** {@code 1 request}, {@code 2 connections}, {@code 3 requests and connections}. */
    private static String count(int n, List<ItemChanges> of) {
        boolean requests = of.stream().anyMatch(i -> !i.connection());
        boolean connections = of.stream().anyMatch(ItemChanges::connection);
        String noun =
                requests && connections
                        ? "requests and connections"
                        : connections
                                ? (n == 1 ? "connection" : "connections")
                                : (n == 1 ? "request" : "requests");
        return n + " " + noun;
    }
}
