package io.filterplayground.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.chain.FilterItem;
import io.filterplayground.app.editor.ConfigSyntax;
import io.filterplayground.app.request.HeaderRow;
import io.filterplayground.app.timeline.TimelineRow;
import io.filterplayground.app.timeline.Tone;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.StageEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace without a toolkit: a plain thread stands in for the UI thread, the engine is real.
 */
class WorkspaceViewModelTest extends UiThreadTest {
    private WorkspaceViewModel vm;

    @BeforeEach
    void open() throws Exception {
        vm = onUi(() -> new WorkspaceViewModel(ui, timer, background));
        await(() -> vm.openDemo());
    }

    @AfterEach
    void close() {
        vm.close();
    }

    @Test
    void shouldStartTheDemoAndShowASentRequestEverywhere() throws Exception {
        assertThat(onUi(() -> vm.runningProperty().get())).isTrue();
        assertThat(onUi(() -> vm.statusProperty().get()))
                .startsWith("Running 5 filter(s) on 2 worker(s)");
        RecordedExchange x = await(() -> vm.send());
        assertThat(x.exchange().response().status()).isEqualTo(200);
        assertThat(onUi(() -> vm.response().statusProperty().get())).isEqualTo("200");
        assertThat(onUi(() -> vm.timeline().lanes())).hasSize(5);
        assertThat(onUi(() -> vm.timeline().detailProperty().get())).isNotNull();
        assertThat(onUi(() -> vm.diff().stages())).isNotEmpty();
        await(() -> vm.refreshSnapshot());
        assertThat(onUi(() -> vm.vms().threads()))
                .extracting(VmsGroup::name)
                .containsExactly("main", "worker-0", "worker-1");
        assertThat(onUi(() -> vm.vms().highlightedProperty().get())).hasSize(5);
        assertThat(onUi(() -> vm.request().history().get(4).outcome())).isEqualTo("200");
    }

    @Test
    void shouldReplaceVariablesWhenSendingAndKeepTheTemplate() throws Exception {
        onUi(
                () -> {
                    vm.request().variables().add(new HeaderRow(true, "user", "carol"));
                    vm.request().headers().get(0).valueProperty().set("{{user}}");
                    vm.request().pathProperty().set("/reports/{{$i}}");
                    return null;
                });
        RecordedExchange x = await(() -> vm.send());
        assertThat(x.exchange().upstreamRequest().headers().first("x-user")).contains("carol");
        assertThat(x.exchange().upstreamRequest().headers().first(":path")).contains("/reports/0");
        // The history keeps what was typed, so a resend uses the variables as they are then.
        assertThat(onUi(() -> vm.request().history().get(vm.request().history().size() - 1)))
                .satisfies(h -> assertThat(h.request().path()).isEqualTo("/reports/{{$i}}"));
        assertThat(onUi(() -> vm.buildScenario().variables())).containsEntry("user", "carol");
        assertThat(onUi(() -> vm.request().copyAsCurl())).contains("x-user: carol");

        // A burst numbers its requests.
        onUi(
                () -> {
                    vm.burstCountProperty().set(3);
                    return null;
                });
        await(() -> vm.burst());
        assertThat(onUi(() -> vm.exchangeLog().recent()))
                .extracting(r -> r.exchange().upstreamRequest().headers().first(":path").orElse(""))
                .contains("/reports/0", "/reports/1", "/reports/2");

        onUi(
                () -> {
                    vm.request().headers().get(0).valueProperty().set("{{nobody}}");
                    return null;
                });
        assertThat(await(() -> vm.send())).isNull();
        assertThat(onUi(() -> vm.messageProperty().get().text()))
                .startsWith("Not sent: {{nobody}} is not defined");
    }

    @Test
    void shouldLetABurstThroughItsBreakpointWithContinueAll() throws Exception {
        onUi(
                () -> {
                    vm.chain()
                            .items()
                            .get(1)
                            .breakAtProperty()
                            .set(io.filterplayground.app.debug.BreakAt.REQUEST_HEADERS);
                    vm.burstCountProperty().set(6);
                    return null;
                });
        CompletableFuture<EngineSession.BurstResult> burst = onUi(() -> vm.burst());
        // Both workers stop at deny; the burst waits for them.
        waitFor("two stopped streams", () -> vm.debug().waiting().size() == 2);
        assertThat(burst).isNotDone();

        onUi(
                () -> {
                    vm.debug().continueAll();
                    return null;
                });
        EngineSession.BurstResult r = burst.get(60, TimeUnit.SECONDS);
        assertThat(r.sent()).isEqualTo(6);
        assertThat(onUi(() -> vm.debug().waiting())).isEmpty();
        assertThat(onUi(() -> vm.chain().items().get(1).breakAtProperty().get()))
                .isEqualTo(io.filterplayground.app.debug.BreakAt.NONE);
    }

    /** Keeps the assertion above readable. */
    private interface VmsGroup {
        static String name(io.filterplayground.app.vms.VmsViewModel.ThreadGroup g) {
            return g.thread();
        }
    }

    @Test
    void shouldSayInPlainWordsWhenTheUpstreamCannotBeReached() throws Exception {
        java.net.ServerSocket probe = new java.net.ServerSocket(0);
        int closedPort = probe.getLocalPort();
        probe.close();
        onUi(
                () -> {
                    vm.upstream().editingProperty().set("backend");
                    vm.upstream().useUrlProperty().set(true);
                    vm.upstream().urlProperty().set("http://127.0.0.1:" + closedPort);
                    return null;
                });
        await(() -> vm.applyNow());

        RecordedExchange x = await(() -> vm.send());

        assertThat(x.exchange().response().status()).isEqualTo(503);
        assertThat(onUi(() -> vm.messageProperty().get().kind())).isEqualTo(Message.Kind.WARNING);
        assertThat(onUi(() -> vm.messageProperty().get().text()))
                .startsWith(
                        "The upstream could not answer: cannot connect to http://127.0.0.1:"
                                + closedPort);
    }

    @Test
    void shouldMarkALocalReplyInTheTimeline() throws Exception {
        onUi(
                () -> {
                    vm.request().headers().get(0).valueProperty().set("mallory");
                    return null;
                });
        RecordedExchange x = await(() -> vm.send());
        assertThat(x.exchange().response().status()).isEqualTo(403);
        TimelineRow deny =
                onUi(
                        () ->
                                vm.timeline().rows().stream()
                                        .filter(
                                                r ->
                                                        "deny".equals(r.filter())
                                                                && r.title()
                                                                        .equals("request_headers"))
                                        .findFirst()
                                        .orElseThrow());
        assertThat(deny.tone()).isEqualTo(Tone.LOCAL_REPLY);
        assertThat(onUi(() -> vm.timeline().rows())).anyMatch(r -> r.title().equals("local reply"));
        assertThat(onUi(() -> vm.response().localReplyProperty().get())).isTrue();
    }

    @Test
    void shouldRestartOnEditsAndReportAStartFailure() throws Exception {
        onUi(
                () -> {
                    vm.workersProperty().set(3);
                    return null;
                });
        await(() -> vm.applyNow());
        assertThat(onUi(() -> vm.statusProperty().get())).contains("on 3 worker(s)");

        // add-header's SDK needs root id add_header: another root id makes on_configure fail.
        onUi(
                () -> {
                    vm.chain().items().get(0).rootIdProperty().set("nope");
                    return null;
                });
        await(() -> vm.applyNow());
        assertThat(onUi(() -> vm.runningProperty().get())).isFalse();
        assertThat(onUi(() -> vm.messageProperty().get().text()))
                .startsWith("The chain did not start: add-header");

        // A YAML error is caught before the engine: nothing restarts.
        onUi(
                () -> {
                    vm.chain().items().get(0).rootIdProperty().set("add_header");
                    vm.chain().items().get(1).configSyntaxProperty().set(ConfigSyntax.YAML);
                    vm.chain().items().get(1).configTextProperty().set("values: [");
                    return null;
                });
        await(() -> vm.applyNow());
        assertThat(onUi(() -> vm.messageProperty().get().text()))
                .startsWith("Not applied: deny: plugin configuration: Not valid YAML");
    }

    @Test
    void shouldBurstWithBoundedDetailAndCounts() throws Exception {
        onUi(
                () -> {
                    vm.burstCountProperty().set(600);
                    return null;
                });
        EngineSession.BurstResult b = await(() -> vm.burst());
        assertThat(b.sent()).isEqualTo(600);
        assertThat(b.completed()).isEqualTo(600);
        ExchangeLog.Stats s = vm.exchangeLog().stats();
        assertThat(s.total()).isEqualTo(600);
        assertThat(s.workers()).containsOnlyKeys("worker-0", "worker-1");
        assertThat(s.workers().values()).containsOnly(300L);
        assertThat(vm.exchangeLog().recent()).hasSize(ExchangeLog.KEEP);
        // The earlier requests ran with the minimal trace; every kept one has its full trace.
        assertThat(vm.exchangeLog().recent())
                .allSatisfy(
                        x ->
                                assertThat(x.events())
                                        .anyMatch(e -> e instanceof CallbackEvent)
                                        .anyMatch(e -> e instanceof StageEvent));
        assertThat(onUi(() -> vm.exchanges())).hasSize(ExchangeLog.KEEP);
        assertThat(onUi(() -> vm.messageProperty().get().text()))
                .startsWith("Burst of 600: 600 completed");
        // The log lines held during the burst are in the table once it ends.
        assertThat(onUi(() -> vm.logs().lines()))
                .anyMatch(l -> l.message().startsWith("request-counter:"));
    }

    @Test
    void shouldAdvanceTheVirtualClockAndFireTheServiceTick() throws Exception {
        await(() -> vm.send());
        await(() -> vm.advance());
        Thread.sleep(100);
        onUi(() -> null);
        assertThat(onUi(() -> vm.virtualMillisProperty().get())).isEqualTo(1000);
        assertThat(onUi(() -> vm.logs().lines()))
                .anyMatch(l -> l.message().startsWith("stats: total=1"));
    }

    @Test
    void shouldShowAPausedRequestAsWaitingUntilItCompletes() throws Exception {
        // A Lua filter calls the backend, whose mock answers after 1 s of virtual time: the
        // request waits, paused by lua, then for the upstream, then completes.
        onUi(
                () -> {
                    vm.upstream().editingProperty().set("backend");
                    vm.upstream().delayMillisProperty().set("1000");
                    vm.chain().selectedProperty().set(null);
                    FilterItem lua = vm.chain().addLua();
                    lua.configTextProperty()
                            .set(
                                    """
                                    function envoy_on_request(handle)
                                      local h, body = handle:httpCall("backend",
                                        {[":method"] = "GET", [":path"] = "/check",
                                         [":authority"] = "backend"}, "", 5000)
                                      handle:headers():add("x-check", h[":status"])
                                    end
                                    """);
                    return null;
                });
        await(() -> vm.applyNow());
        CompletableFuture<RecordedExchange> sent = onUi(() -> vm.send());
        waitFor(
                "the waiting request",
                () -> {
                    RecordedExchange s = vm.selectedProperty().get();
                    return s != null && s.pending();
                });
        RecordedExchange waiting = onUi(() -> vm.selectedProperty().get());
        assertThat(waiting.waiting()).isEqualTo("paused by lua");
        assertThat(waiting.label()).contains("waiting (paused by lua)");
        assertThat(onUi(() -> vm.exchanges().get(0))).isSameAs(waiting);
        assertThat(onUi(() -> vm.timeline().rows()))
                .anyMatch(
                        r ->
                                "lua".equals(r.filter())
                                        && r.title().equals("on_request")
                                        && r.tone() == Tone.PAUSE)
                .anyMatch(r -> r.title().equals("paused"));
        assertThat(onUi(() -> vm.response().statusProperty().get())).isEqualTo("…");
        assertThat(onUi(() -> vm.messageProperty().get().text()))
                .startsWith("The request is waiting, paused by lua: a timer or a delayed reply");

        await(() -> vm.advance());
        waitFor(
                "the request waiting for the upstream",
                () -> {
                    RecordedExchange s = vm.selectedProperty().get();
                    return s != null && s.pending() && s.waiting().equals("for the upstream");
                });
        assertThat(sent.isDone()).isFalse();

        await(() -> vm.advance());
        RecordedExchange x = sent.get(20, TimeUnit.SECONDS);
        onUi(() -> null);
        assertThat(x.pending()).isFalse();
        assertThat(x.exchange().response().status()).isEqualTo(200);
        assertThat(x.exchange().upstreamRequest().headers().first("x-check")).contains("200");
        assertThat(onUi(() -> vm.selectedProperty().get())).isSameAs(x);
        assertThat(onUi(() -> vm.exchanges())).noneMatch(RecordedExchange::pending);
    }

    @Test
    void shouldEndAWaitingRequestAsResetWhenTheChainRestarts() throws Exception {
        // The request waits for a reply due in 1 s of virtual time; changing the chain restarts
        // the engine, which resets the stream as Envoy does at shutdown instead of losing it.
        onUi(
                () -> {
                    vm.upstream().editingProperty().set("backend");
                    vm.upstream().delayMillisProperty().set("1000");
                    return null;
                });
        await(() -> vm.applyNow());
        CompletableFuture<RecordedExchange> sent = onUi(() -> vm.send());
        waitFor(
                "the waiting request",
                () -> {
                    RecordedExchange s = vm.selectedProperty().get();
                    return s != null && s.pending();
                });
        onUi(
                () -> {
                    vm.upstream().delayMillisProperty().set("0");
                    return null;
                });
        await(() -> vm.applyNow());
        RecordedExchange x = sent.get(20, TimeUnit.SECONDS);
        onUi(() -> null);
        assertThat(x.pending()).isFalse();
        assertThat(x.exchange().response().reset()).isTrue();
        assertThat(x.exchange().response().details())
                .isEqualTo("downstream_local_disconnect(playground_closed)");
        assertThat(onUi(() -> vm.exchanges())).noneMatch(RecordedExchange::pending);
        assertThat(onUi(() -> vm.request().history())).anyMatch(h -> h.outcome().equals("reset"));
    }

    @Test
    void shouldColourLuaAndNativeCallbacksAndMarkTheirLocalReplies() throws Exception {
        onUi(
                () -> {
                    vm.chain().selectedProperty().set(null);
                    FilterItem limit = vm.chain().addNative("local-rate-limit");
                    limit.configTextProperty()
                            .set(
                                    "token_bucket: {max_tokens: 1, tokens_per_fill: 1,"
                                            + " fill_interval: 1s}\n");
                    vm.chain().selectedProperty().set(vm.chain().items().get(0));
                    FilterItem lua = vm.chain().addLua();
                    lua.configTextProperty()
                            .set(
                                    """
                                    function envoy_on_request(handle)
                                      if handle:headers():get("x-boom") then
                                        local t = nil
                                        t.field = 1
                                      end
                                    end
                                    """);
                    vm.workersProperty().set(1);
                    vm.request()
                            .headers()
                            .add(
                                    new io.filterplayground.app.request.HeaderRow(
                                            true, "x-boom", "1"));
                    return null;
                });
        await(() -> vm.applyNow());
        RecordedExchange first = await(() -> vm.send());
        assertThat(first.exchange().response().status()).isEqualTo(200);
        assertThat(first.style("lua")).isEqualTo("lua");
        assertThat(first.style("local-rate-limit")).isEqualTo("native");
        List<TimelineRow> rows = onUi(() -> List.copyOf(vm.timeline().rows()));
        assertThat(rows)
                .anyMatch(
                        r ->
                                r.kind() == TimelineRow.Kind.CALLBACK
                                        && "local-rate-limit".equals(r.filter())
                                        && r.title().equals("decodeHeaders")
                                        && r.tone() == Tone.CONTINUE)
                .anyMatch(
                        r ->
                                r.kind() == TimelineRow.Kind.CALLBACK
                                        && "lua".equals(r.filter())
                                        && r.action().equals("error")
                                        && r.tone() == Tone.TRAP)
                .anyMatch(
                        r ->
                                r.kind() == TimelineRow.Kind.TRAP
                                        && "lua".equals(r.filter())
                                        && r.action().equals("Lua error")
                                        && r.detail().contains("[string \"lua\"]:4:"));

        // A Lua "hostcall" result is the value the handle returned, not a failed status.
        assertThat(onUi(() -> vm.timeline().timelineProperty().get().details().values()))
                .filteredOn(d -> "lua".equals(d.row().filter()))
                .isNotEmpty()
                .allMatch(d -> d.hostcalls().stream().allMatch(h -> h.ok()));

        RecordedExchange second = await(() -> vm.send());
        assertThat(second.exchange().response().status()).isEqualTo(429);
        assertThat(onUi(() -> vm.timeline().rows()))
                .anyMatch(
                        r ->
                                r.kind() == TimelineRow.Kind.CALLBACK
                                        && "local-rate-limit".equals(r.filter())
                                        && r.action().equals("local reply")
                                        && r.tone() == Tone.LOCAL_REPLY);
        await(() -> vm.refreshSnapshot());
        assertThat(onUi(() -> vm.vms().summaryProperty().get())).endsWith("1 Lua state(s)");
        assertThat(onUi(() -> vm.vms().highlightedProperty().get())).contains("lua#w0");
    }

    @Test
    void shouldSaveLuaAndNativeFiltersAsTheCommandLineReadsThem(@TempDir Path dir)
            throws Exception {
        onUi(
                () -> {
                    vm.chain().addNative("rbac");
                    FilterItem lua = vm.chain().addLua();
                    lua.vmConfigTextProperty().set("greeting: saved\n");
                    return null;
                });
        Path file = dir.resolve("three.yaml");
        assertThat(onUi(() -> vm.save(file))).isTrue();
        var s = ScenarioLoader.load(file, io.filterplayground.app.cli.Inputs.schemes());
        var rbac =
                (NativeFilterSpec)
                        s.filters().stream()
                                .filter(f -> f.name().equals("rbac"))
                                .findFirst()
                                .orElseThrow();
        assertThat(rbac.kind()).isEqualTo("rbac");
        assertThat(rbac.config()).containsEntry("action", "DENY");
        var lua =
                (LuaFilterSpec)
                        s.filters().stream()
                                .filter(f -> f.name().equals("lua"))
                                .findFirst()
                                .orElseThrow();
        assertThat(lua.script()).contains("function envoy_on_request(handle)");
        assertThat(lua.config())
                .isEqualTo(java.util.Map.of("metadata", java.util.Map.of("greeting", "saved")));
    }

    @Test
    void shouldSaveWhatTheCommandLineRuns(@TempDir Path dir) throws Exception {
        onUi(
                () -> {
                    vm.chain().items().get(1).enabledProperty().set(false);
                    return null;
                });
        Path file = dir.resolve("edited.yaml");
        assertThat(onUi(() -> vm.save(file))).isTrue();
        var s = ScenarioLoader.load(file, io.filterplayground.app.cli.Inputs.schemes());
        assertThat(s.filters().get(1).enabled()).isFalse();
        assertThat(onUi(() -> vm.titleProperty().get())).endsWith("edited.yaml");
    }
}
