package io.filterplayground.app.learn;

import java.util.List;

/**
 * Where the window should look for a step: a tab to select, a filter to select in the chain, a
 * request to select (the latest exchange of that name), a timeline row (a callback of the selected
 * filter, e.g. {@code proxy_on_request_headers}) and a panel to highlight. Every part is optional
 * (null). Tabs and panels come from fixed vocabularies ({@link #TABS}, {@link #PANELS}), checked
 * when the lesson is read, so the window can rely on them.
 */
public record Pointer(String tab, String filter, String request, String callback, String panel) {
    public static final Pointer NONE = new Pointer(null, null, null, null, null);

    /** The window's tabs: left (chain, modules), centre, and right (request side). */
    public static final List<String> TABS =
            List.of(
                    "chain",
                    "modules",
                    "timeline",
                    "diff",
                    "vms",
                    "logs",
                    "metrics",
                    "shared",
                    "request",
                    "connection",
                    "upstream",
                    "variables",
                    "history");

    /**
     * Panels a step can highlight: every tab, the response panel, the toolbar's controls, and the
     * selected filter's fields.
     */
    public static final List<String> PANELS =
            java.util.stream.Stream.concat(
                            TABS.stream(),
                            java.util.stream.Stream.of(
                                    "response",
                                    "access-loggers",
                                    "send",
                                    "burst",
                                    "advance",
                                    "workers",
                                    "clock",
                                    "filter-detail",
                                    "root-id",
                                    "vm-id",
                                    "configuration",
                                    "vm-configuration",
                                    "failure-policy",
                                    "trap-at",
                                    "break-at",
                                    "debugger"))
                    .toList();

    public boolean isEmpty() {
        return equals(NONE);
    }
}
