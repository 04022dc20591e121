package io.filterplayground.engine.report.change;

import java.util.List;

/**
 * What changed for one request (or connection) of a run, matched with the previous run's by name
 * and occurrence: {@code name} is the scenario's name, {@code index} its position in this run (in
 * the earlier run when it is missing from this one).
 */
public record ItemChanges(boolean connection, String name, int index, List<Change> changes) {
    public ItemChanges {
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }

    /** Whether it is new or missing, got another status, or was closed by another side. */
    public boolean outcomeChanged() {
        return changes.stream()
                .anyMatch(
                        c ->
                                c.area() == Change.Area.PRESENCE
                                        || (c.area() == Change.Area.RESPONSE
                                                && c.what().equals("status"))
                                        || (c.area() == Change.Area.CONNECTION
                                                && c.what().equals("closed by")));
    }

    /**
     * The change a reader wants first: {@code mallory now 403 (was 200)}, {@code mallory is new},
     * or the first change found.
     */
    public String headline() {
        for (Change c : changes) {
            if (c.area() == Change.Area.PRESENCE) {
                return name + (c.after() == null ? " is missing" : " is new");
            }
        }
        for (Change c : changes) {
            if (c.area() == Change.Area.RESPONSE && c.what().equals("status")) {
                return name + " now " + c.after() + " (was " + c.before() + ")";
            }
        }
        for (Change c : changes) {
            if (c.area() == Change.Area.CONNECTION && c.what().equals("closed by")) {
                return name + " now closed by " + c.after() + " (was " + c.before() + ")";
            }
        }
        return changes.isEmpty() ? name + ": no change" : name + ": " + changes.get(0).describe();
    }
}
