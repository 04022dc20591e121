package io.filterplayground.app.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.VmEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogsViewModelTest {
    private final LogsViewModel vm = new LogsViewModel();

    private static LogEvent log(
            long seq,
            String thread,
            String filter,
            LogLevel level,
            String msg,
            boolean suppressed) {
        return new LogEvent(seq, 0, 1, thread, filter, filter + "#w0", 2, level, msg, suppressed);
    }

    @Test
    void shouldFilterByLevelFilterThreadAndSearch() {
        vm.append(
                List.of(
                        log(1, "worker-0", "deny", LogLevel.WARN, "deny: x-user: mallory", false),
                        log(
                                2,
                                "worker-1",
                                "add-header",
                                LogLevel.INFO,
                                "add-header: request x-a",
                                false),
                        log(3, "worker-1", "add-header", LogLevel.DEBUG, "sdk chatter", true)));
        assertThat(vm.visible()).hasSize(2);
        vm.showSuppressedProperty().set(true);
        assertThat(vm.visible()).hasSize(3);
        vm.minLevelProperty().set(LogLevel.WARN);
        assertThat(vm.visible()).extracting(LogLine::seq).containsExactly(1L);
        vm.minLevelProperty().set(LogLevel.TRACE);
        vm.threadProperty().set("worker-1");
        assertThat(vm.visible()).hasSize(2);
        vm.searchProperty().set("X-A");
        assertThat(vm.visible()).extracting(LogLine::seq).containsExactly(2L);
        assertThat(vm.filters()).containsExactly(LogsViewModel.ALL, "add-header", "deny");
    }

    @Test
    void shouldKeepOnlyTheLatestLines() {
        List<TraceEvent> batch = new ArrayList<>();
        for (int i = 0; i < LogsViewModel.KEEP + 250; i++) {
            batch.add(log(i, "worker-0", "f", LogLevel.INFO, "line " + i, false));
        }
        vm.append(batch.subList(0, 100));
        vm.append(batch.subList(100, batch.size()));
        assertThat(vm.lines()).hasSize(LogsViewModel.KEEP);
        assertThat(vm.lines().get(0).seq()).isEqualTo(250);
        assertThat(vm.countsProperty().get()).contains("oldest 250 dropped");
    }

    @Test
    void shouldCountEveryLineOfABurstBatchAndKeepTheNewest() {
        List<TraceEvent> batch = new ArrayList<>();
        int n = 3 * LogsViewModel.KEEP + 7;
        for (int i = 0; i < n; i++) {
            batch.add(log(2 * i, "worker-0", "f", LogLevel.INFO, "line " + i, false));
            batch.add(new VmEvent(2 * i + 1, 0, "worker-0", "f#w0", "f", "note", "not a line"));
        }
        vm.append(batch);
        assertThat(vm.lines()).hasSize(LogsViewModel.KEEP);
        assertThat(vm.lines().get(0).message()).isEqualTo("line " + (n - LogsViewModel.KEEP));
        assertThat(vm.lines().get(LogsViewModel.KEEP - 1).message()).isEqualTo("line " + (n - 1));
        assertThat(vm.countsProperty().get())
                .startsWith(LogsViewModel.KEEP + " shown of " + n + " line(s)")
                .contains("oldest " + (n - LogsViewModel.KEEP) + " dropped");
    }

    @Test
    void shouldCountLinesThatWereOnlyCounted() {
        vm.append(List.of(log(1, "worker-0", "f", LogLevel.INFO, "kept", false)), 41);
        assertThat(vm.lines()).extracting(LogLine::message).containsExactly("kept");
        assertThat(vm.countsProperty().get())
                .startsWith("1 shown of 42 line(s)")
                .contains("oldest 41 dropped");
    }
}
