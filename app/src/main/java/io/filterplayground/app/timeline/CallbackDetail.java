package io.filterplayground.app.timeline;

import java.util.List;

/** Everything the timeline shows about one selected callback. */
public record CallbackDetail(
        TimelineRow row, String args, List<HostcallRow> hostcalls, List<LogRow> logs) {}
