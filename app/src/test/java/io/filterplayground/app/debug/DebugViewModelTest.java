package io.filterplayground.app.debug;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.workspace.ScenarioFiles;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.debug.Breakpoint;
import io.filterplayground.engine.debug.Pause;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.trace.StageEvent.Stage;
import io.filterplayground.engine.trace.TraceSink;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The paused-stream panel's logic, without a toolkit, on pauses from the real engine. */
class DebugViewModelTest {
    private Playground playground;
    private final BlockingQueue<Pause> pauses = new LinkedBlockingQueue<>();
    private final AtomicBoolean cleared = new AtomicBoolean();
    private final DebugViewModel vm = new DebugViewModel(() -> cleared.set(true));

    @BeforeEach
    void start() {
        playground =
                Playground.start(
                        ScenarioFiles.demo(), Playground.Options.defaults(), TraceSink.NONE);
        playground
                .debugger()
                .setBreakpoints(List.of(new Breakpoint("deny", Stage.REQUEST_HEADERS)));
        playground.debugger().onPause(pauses::add);
    }

    @AfterEach
    void stop() {
        playground.close();
    }

    private CompletableFuture<Exchange> send(String user) throws Exception {
        CompletableFuture<Exchange> x =
                playground.send(
                        user,
                        HttpRequest.get("/reports")
                                .withHeaders(
                                        io.filterplayground.engine.http.Headers.of("x-user", user)),
                        0);
        vm.add(pauses.poll(20, TimeUnit.SECONDS));
        return x;
    }

    @Test
    void shouldShowTheHeadersAsLinesAndSendBackWhatWasEdited() throws Exception {
        CompletableFuture<Exchange> x = send("alice");

        Pause p = vm.currentProperty().get();
        assertThat(vm.textProperty().get())
                .startsWith(":authority: localhost\n:path: /reports\n")
                .contains("x-user: alice\n");
        // Unchanged text: nothing to apply.
        assertThat(vm.edit(p, vm.textProperty().get())).isNull();
        Pause.Edit edit = vm.edit(p, ":path: /admin/x\n\n  X-User :  eve  \nx-new: a: b\n");
        assertThat(edit.headers())
                .containsExactly(
                        new Header(":path", "/admin/x"),
                        new Header("x-user", "eve"),
                        new Header("x-new", "a: b"));

        vm.textProperty().set(vm.textProperty().get().replace("x-user: alice", "x-user: eve"));
        vm.continueCurrent();
        assertThat(vm.currentProperty().get()).isNull();
        assertThat(x.get(20, TimeUnit.SECONDS).response().status()).isEqualTo(403);
    }

    @Test
    void shouldKeepTheStreamWaitingOnABadLine() throws Exception {
        CompletableFuture<Exchange> x = send("alice");

        vm.textProperty().set("x-user alice");
        vm.continueCurrent();
        assertThat(vm.problemProperty().get()).isEqualTo("Line 1: write a header as name: value");
        assertThat(vm.currentProperty().get()).isNotNull();
        assertThat(x).isNotDone();

        vm.continueAll();
        assertThat(cleared).isTrue();
        assertThat(vm.waiting()).isEmpty();
        assertThat(x.get(20, TimeUnit.SECONDS).response().status()).isEqualTo(200);
    }

    @Test
    void shouldShowTheStoppedStreamsOneAfterTheOther() throws Exception {
        CompletableFuture<Exchange> a = send("alice");
        // worker 0 waits at alice's pause; bob goes to the other worker and stops there too.
        CompletableFuture<Exchange> b =
                playground.send(
                        "bob",
                        HttpRequest.get("/reports")
                                .withHeaders(
                                        io.filterplayground.engine.http.Headers.of(
                                                "x-user", "bob")),
                        1);
        vm.add(pauses.poll(20, TimeUnit.SECONDS));

        assertThat(vm.waiting()).hasSize(2);
        assertThat(vm.textProperty().get()).contains("x-user: alice");
        vm.continueCurrent();
        assertThat(vm.textProperty().get()).contains("x-user: bob");
        vm.continueCurrent();
        assertThat(a.get(20, TimeUnit.SECONDS).response().status()).isEqualTo(200);
        assertThat(b.get(20, TimeUnit.SECONDS).response().status()).isEqualTo(200);
    }
}
