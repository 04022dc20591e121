package io.filterplayground.app.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.editor.ConfigSyntax;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.natives.NativeFilters;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.trace.TraceSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Lua and built-in filters in the chain editor, without a toolkit; the engine is real. */
class LuaAndNativeFiltersTest {
    private static final Scenario EMPTY =
            ScenarioLoader.parse(
                    """
                    workers: 1
                    clusters:
                      backend: {mock: {status: 200, body: ok}}
                    route: backend
                    filters: []
                    """,
                    "test.yaml",
                    ref -> new byte[0]);

    private final ChainViewModel vm = new ChainViewModel();
    private final AtomicInteger changes = new AtomicInteger();

    LuaAndNativeFiltersTest() {
        vm.load(List.of());
        vm.setOnChange(changes::incrementAndGet);
    }

    private static Exchange run(List<FilterSpec> filters, HttpRequest request) throws Exception {
        try (Playground p =
                Playground.start(
                        EMPTY.withFilters(filters),
                        Playground.Options.defaults(),
                        TraceSink.NONE)) {
            return p.send("r", request, null).get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldAddEveryStyleWithUniqueNamesAfterTheSelection() {
        FilterItem lua = vm.addLua();
        FilterItem limit = vm.addNative("local-rate-limit");
        vm.selectedProperty().set(lua);
        FilterItem lua2 = vm.addLua();
        assertThat(vm.items())
                .extracting(FilterItem::toString)
                .containsExactly("lua", "lua-2", "local-rate-limit");
        assertThat(vm.selectedProperty().get()).isSameAs(lua2);
        assertThat(changes.get()).isEqualTo(3);
        assertThat(lua.style()).isEqualTo("lua");
        assertThat(lua.configSyntaxProperty().get()).isEqualTo(ConfigSyntax.LUA);
        assertThat(lua.configTextProperty().get()).contains("function envoy_on_request(handle)");
        assertThat(lua.vmConfigTextProperty().get()).isEqualTo("greeting: hello from Lua\n");
        assertThat(limit.nativeKind()).isEqualTo("local-rate-limit");
        assertThat(limit.configSyntaxProperty().get()).isEqualTo(ConfigSyntax.YAML);
        assertThat(limit.configTextProperty().get()).startsWith("token_bucket:\n  max_tokens: 3\n");
        assertThat(vm.problem()).isNull();
    }

    @Test
    void shouldStartEveryDefaultCleanlyAndDoWhatItSays() throws Exception {
        vm.addLua();
        for (String kind : NativeFilters.KINDS) {
            vm.addNative(kind);
        }
        assertThat(vm.problem()).isNull();
        Exchange x =
                run(
                        vm.specs(),
                        HttpRequest.get("/hello").withHeaders(Headers.of("x-user", "alice")));
        assertThat(x.response().status()).isEqualTo(200);
        assertThat(x.upstreamRequest().headers().first("x-lua")).contains("hello from Lua");
        assertThat(x.upstreamRequest().headers().first("x-native"))
                .contains("added by a built-in filter");
        assertThat(x.response().headers().first("x-native-response")).contains("1");

        Exchange denied =
                run(
                        vm.specs(),
                        HttpRequest.get("/hello").withHeaders(Headers.of("x-user", "mallory")));
        assertThat(denied.response().status()).isEqualTo(403);
    }

    @Test
    void shouldReadTheConfigAsYamlOrJsonAndRefuseWhatIsNotAMap() {
        FilterItem limit = vm.addNative("local-rate-limit");
        limit.configTextProperty()
                .set("token_bucket: {max_tokens: 1, tokens_per_fill: 1, fill_interval: 1s}\n");
        Map<String, Object> config = ((NativeFilterSpec) limit.toSpec()).config();
        assertThat(config.get("token_bucket"))
                .isEqualTo(Map.of("max_tokens", 1, "tokens_per_fill", 1, "fill_interval", "1s"));

        limit.configSyntaxProperty().set(ConfigSyntax.JSON);
        limit.configTextProperty().set("{\"token_bucket\": {\"max_tokens\": 2}}");
        assertThat(vm.problem()).isNull();
        assertThat(((NativeFilterSpec) limit.toSpec()).config().get("token_bucket"))
                .isEqualTo(Map.of("max_tokens", 2));

        limit.configTextProperty().set("{\"token_bucket\": ");
        assertThat(vm.problem()).startsWith("local-rate-limit: config: Not valid JSON");
        limit.configTextProperty().set("[1, 2]");
        assertThat(vm.problem()).startsWith("local-rate-limit: config: Must be a map");

        FilterItem lua = vm.addLua();
        lua.vmConfigTextProperty().set("greeting: [unclosed\n");
        limit.configTextProperty().set("{}");
        assertThat(vm.problem()).startsWith("lua: metadata: Not valid YAML");
        lua.vmConfigTextProperty().set("");
        assertThat(((LuaFilterSpec) lua.toSpec()).config()).isEmpty();
    }

    @Test
    void shouldKeepALuaFileUntilTheScriptIsEdited() {
        FilterSpec fromFile =
                LuaFilterSpec.of(
                        "lua",
                        "function envoy_on_request(h) end\n",
                        "scripts/a.lua",
                        Map.of("metadata", Map.of("team", "payments")));
        vm.load(List.of(fromFile));
        FilterItem item = vm.items().get(0);
        assertThat(item.vmConfigTextProperty().get()).isEqualTo("team: payments\n");
        assertThat(((LuaFilterSpec) item.toSpec()).file()).isEqualTo("scripts/a.lua");
        assertThat(((LuaFilterSpec) item.toSpec()).config())
                .isEqualTo(Map.of("metadata", Map.of("team", "payments")));
        item.configTextProperty().set("function envoy_on_request(h) h:logInfo('x') end\n");
        assertThat(item.scriptEdited()).isTrue();
        assertThat(((LuaFilterSpec) item.toSpec()).file()).isNull();
        assertThat(((LuaFilterSpec) item.toSpec()).script()).contains("logInfo");
    }

    @Test
    void shouldListTheThreeStylesInTheLibraryAndAddFromThem() {
        var library =
                new io.filterplayground.app.modules.ModuleLibraryViewModel(Runnable::run, r -> {});
        assertThat(library.entries().subList(0, NativeFilters.KINDS.size() + 1))
                .extracting(io.filterplayground.app.modules.ModuleEntry::name)
                .containsExactly(
                        "add-header",
                        "local-rate-limit",
                        "cors",
                        "rbac",
                        "header-to-metadata",
                        "Lua script");
        assertThat(library.entries()).anyMatch(e -> e.isWasm() && e.name().equals("deny"));
        assertThat(library.byRef("sample:deny")).isNotNull();

        var cors = library.entries().get(2);
        assertThat(cors.isWasm()).isFalse();
        assertThat(cors.summary()).contains("allow_origin_string_match");
        FilterItem added = vm.add(cors);
        assertThat(added.style()).isEqualTo("native");
        assertThat(added.nativeKind()).isEqualTo("cors");
        assertThat(vm.add(library.entries().get(5)).style()).isEqualTo("lua");
        assertThat(vm.items()).extracting(FilterItem::toString).containsExactly("cors", "lua");
    }

    @Test
    void shouldShowAStartFailureOnTheFilterItNames() {
        FilterItem lua = vm.addLua();
        FilterItem limit = vm.addNative("local-rate-limit");
        FilterItem lua2 = vm.addLua();
        assertThat(vm.markStartFailure(null, "lua-2: Lua syntax error at line 3: 'end' expected"))
                .isSameAs(lua2);
        assertThat(lua2.engineProblemProperty().get()).contains("line 3");
        assertThat(lua.engineProblemProperty().get()).isEmpty();
        assertThat(
                        vm.markStartFailure(
                                null,
                                "local-rate-limit (native local-rate-limit): config.token_bucket"
                                        + " is required"))
                .isSameAs(limit);
        assertThat(lua2.engineProblemProperty().get()).isEmpty();
        assertThat(vm.markStartFailure(null, "something else entirely")).isNull();
        // The engine names the filter when it knows it, whatever the message starts with.
        assertThat(vm.markStartFailure("lua", "lua.wasm: _initialize failed")).isSameAs(lua);
        int before = changes.get();
        vm.clearStartFailures();
        assertThat(changes.get()).isEqualTo(before);
    }
}
