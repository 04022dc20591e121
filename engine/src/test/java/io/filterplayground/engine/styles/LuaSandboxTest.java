package io.filterplayground.engine.styles;

import static io.filterplayground.engine.styles.Scenarios.logs;
import static io.filterplayground.engine.styles.Scenarios.lua;
import static io.filterplayground.engine.styles.Scenarios.of;
import static io.filterplayground.engine.styles.Scenarios.run;
import static io.filterplayground.engine.styles.Scenarios.upstream;
import static io.filterplayground.engine.styles.Scenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.trace.TrapEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Lua script from a scenario file must not reach outside its sandbox: no Java class, no file, no
 * process, no other filter's state. Each escape route is tried from a real scenario through the
 * real engine; each must end as a traced script error and nothing else, and the next request must
 * be served as usual.
 */
class LuaSandboxTest {
    private static final String ESCAPED_PROPERTY = "filterplayground.lua.escaped";

    @TempDir Path dir;

    @BeforeEach
    void prepare() throws IOException {
        Files.writeString(dir.resolve("keep"), "kept");
        Files.writeString(dir.resolve("stolen.lua"), "return 'read from disk'\n");
        System.clearProperty(ESCAPED_PROPERTY);
    }

    /** Escape attempts, each with a part of the script error it must end in. */
    static Stream<Arguments> escapes() {
        return Stream.of(
                // The reported exploit: LuaJ's require looks Java classes up by name, and its own
                // luajava library brings back every Java class.
                Arguments.of(
                        """
                        require "org.luaj.vm2.lib.jse.LuajavaLib"
                        luajava.newInstance("java.io.File", [[DIR/pwned]]):createNewFile()
                        luajava.bindClass("java.lang.System"):setProperty("PROP", "yes")
                        """,
                        "module 'org.luaj.vm2.lib.jse.LuajavaLib' not found"),
                Arguments.of(
                        """
                        pcall(require, "org.luaj.vm2.lib.jse.LuajavaLib")
                        luajava.bindClass("java.lang.System"):setProperty("PROP", "yes")
                        """,
                        "attempt to index"),
                Arguments.of(
                        """
                        require "org/luaj/vm2/lib/jse/LuajavaLib.lua"
                        luajava.bindClass("java.lang.System"):setProperty("PROP", "yes")
                        """,
                        "not found"),
                Arguments.of(
                        """
                        require "org.luaj.vm2.lib.jse.JseIoLib"
                        local f = io.open([[DIR/pwned]], "w")
                        f:write("x")
                        f:close()
                        """,
                        "module 'org.luaj.vm2.lib.jse.JseIoLib' not found"),
                Arguments.of(
                        """
                        require "org.luaj.vm2.lib.jse.JseOsLib"
                        os.remove([[DIR/keep]])
                        """,
                        "module 'org.luaj.vm2.lib.jse.JseOsLib' not found"),
                Arguments.of(
                        """
                        require "org.luaj.vm2.lib.DebugLib"
                        debug.sethook()
                        """,
                        "module 'org.luaj.vm2.lib.DebugLib' not found"),
                Arguments.of(
                        """
                        coroutine.wrap(function() require "org.luaj.vm2.lib.jse.LuajavaLib" end)()
                        luajava.bindClass("java.lang.System"):setProperty("PROP", "yes")
                        """,
                        "not found"),
                Arguments.of(
                        """
                        package.path = [[DIR/?.lua]]
                        local m = require "stolen"
                        """,
                        "module 'stolen' not found"),
                Arguments.of("package.loadlib([[DIR/lib.so]], 'open')", "attempt to call"),
                Arguments.of(
                        "package.searchers[3]('org.luaj.vm2.lib.jse.LuajavaLib')",
                        "attempt to index"),
                Arguments.of(
                        "package.loaders[3]('org.luaj.vm2.lib.jse.LuajavaLib')",
                        "attempt to index"),
                Arguments.of("package.searchpath('stolen', [[DIR/?.lua]])", "attempt to call"),
                Arguments.of("dofile([[DIR/stolen.lua]])", "attempt to call"),
                Arguments.of("loadfile([[DIR/stolen.lua]])()", "attempt to call"),
                Arguments.of("io.open([[DIR/pwned]], 'w'):write('x')", "attempt to index"),
                Arguments.of("luajava.bindClass('java.lang.System')", "attempt to index"),
                Arguments.of("debug.getinfo(1)", "attempt to index"),
                Arguments.of("os.execute('touch DIR/pwned')", "attempt to call"),
                Arguments.of("os.exit(3)", "attempt to call"),
                Arguments.of("os.remove([[DIR/keep]])", "attempt to call"),
                Arguments.of("os.rename([[DIR/keep]], [[DIR/moved]])", "attempt to call"),
                Arguments.of("os.tmpname()", "attempt to call"),
                Arguments.of("os.getenv('PATH')", "attempt to call"),
                Arguments.of("module('m')", "attempt to call"),
                Arguments.of("setfenv(1, {})", "attempt to call"),
                Arguments.of("getfenv(1)", "attempt to call"),
                // Binary chunks: LuaJ's undumper trusts the bytecode it is given.
                Arguments.of("load(string.dump(function() end))()", "attempt to call"),
                Arguments.of(
                        "assert(load('\\27Lua\\82\\0\\1\\4\\4\\4\\8\\0'))()",
                        "attempt to load a binary chunk"),
                Arguments.of(
                        """
                        local parts = {"\\27Lua", "\\82\\0"}
                        assert(load(function() return table.remove(parts, 1) end))()
                        """,
                        "attempt to load a binary chunk"),
                Arguments.of(
                        "assert(load('return 1', 'c', 'b'))()", "attempt to load a text chunk"),
                // The string metatable is shared by every Lua state of the JVM in LuaJ.
                Arguments.of(
                        "rawset(getmetatable(''), '__index', {upper = function() return 'pwned' end})",
                        "bad argument"),
                Arguments.of(
                        "getmetatable('').__index.upper = function() return 'pwned' end",
                        "index expected"),
                Arguments.of("string.rep('x', 2147483647)", "resulting string too large"),
                Arguments.of("string.rep('xx', 1073741824)", "resulting string too large"),
                // LuaJ allocates these results in Java, beyond the watchdog's reach.
                Arguments.of("table.unpack({}, 1, 1e8)", "too many results to unpack"),
                Arguments.of("unpack({}, -1e9, 1e9)", "too many results to unpack"),
                Arguments.of("string.byte(string.rep('x', 2e6), 1, -1)", "string slice too long"));
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void shouldEndEveryEscapeAttemptInAScriptErrorAndNothingElse(String attack, String error)
            throws IOException {
        String code =
                attack.replace("DIR", dir.toString().replace('\\', '/'))
                        .replace("PROP", ESCAPED_PROPERTY);
        RunResult r = onFirstOfTwo(code + "\nhandle:headers():add(\"x-escaped\", \"yes\")", "");
        Exchange attackX = r.exchanges().get(0);
        List<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).toList();
        }
        // Soft: an attack that works on a weak sandbox shows everything it reached.
        SoftAssertions.assertSoftly(
                soft -> {
                    soft.assertThat(files)
                            .as("files")
                            .containsExactlyInAnyOrder("keep", "stolen.lua");
                    soft.assertThat(System.getProperty(ESCAPED_PROPERTY))
                            .as("a Java call")
                            .isNull();
                    soft.assertThat(upstream(attackX, "x-escaped")).as("escaped").isNull();
                    List<TrapEvent> traps = of(attackX.events(), TrapEvent.class);
                    soft.assertThat(traps.stream().map(TrapEvent::message))
                            .as("the attack ends in a script error")
                            .hasSize(1)
                            .allMatch(m -> m.contains(error));
                    soft.assertThat(logs(attackX))
                            .anyMatch(l -> l.startsWith("script log: ") && l.contains(error));
                    soft.assertThat(attackX.response().status()).isEqualTo(200);
                    Exchange next = r.exchanges().get(1);
                    soft.assertThat(of(next.events(), TrapEvent.class)).isEmpty();
                    soft.assertThat(upstream(next, "x-fine")).isEqualTo("yes");
                });
    }

    @Test
    void shouldOfferExactlyTheAllowListedGlobalsAndLibraries() {
        Exchange x =
                Scenarios.only(
                        run(
                                yaml(
                                        lua(
                                                "jail",
                                                """
                                                function envoy_on_request(handle)
                                                  local names = {}
                                                  for k, v in pairs(_G) do
                                                    if type(v) == "table" and k ~= "_G" then
                                                      for m in pairs(v) do names[#names + 1] = k .. "." .. m end
                                                    else
                                                      names[#names + 1] = k
                                                    end
                                                  end
                                                  table.sort(names)
                                                  handle:headers():add("x-globals", table.concat(names, " "))
                                                end
                                                """),
                                        "- name: get\n")));
        assertThat(upstream(x, "x-globals").split(" "))
                .containsExactlyInAnyOrder(
                        // base functions (print writes to the trace, collectgarbage does
                        // nothing: the JVM collects), with LuaJIT's unpack and loadstring
                        "_G",
                        "_VERSION",
                        "assert",
                        "collectgarbage",
                        "error",
                        "getmetatable",
                        "ipairs",
                        "load",
                        "loadstring",
                        "next",
                        "pairs",
                        "pcall",
                        "print",
                        "rawequal",
                        "rawget",
                        "rawlen",
                        "rawset",
                        "require",
                        "select",
                        "setmetatable",
                        "tonumber",
                        "tostring",
                        "type",
                        "unpack",
                        "xpcall",
                        "envoy_on_request",
                        "EnvoyTimestampResolution.MILLISECOND",
                        "EnvoyTimestampResolution.MICROSECOND",
                        "package.loaded",
                        "package.preload",
                        "string.byte",
                        "string.char",
                        "string.find",
                        "string.format",
                        "string.gmatch",
                        "string.gsub",
                        "string.len",
                        "string.lower",
                        "string.match",
                        "string.rep",
                        "string.reverse",
                        "string.sub",
                        "string.upper",
                        "table.concat",
                        "table.insert",
                        "table.pack",
                        "table.remove",
                        "table.sort",
                        "table.unpack",
                        "math.abs",
                        "math.acos",
                        "math.asin",
                        "math.atan",
                        "math.atan2",
                        "math.ceil",
                        "math.cos",
                        "math.cosh",
                        "math.deg",
                        "math.exp",
                        "math.floor",
                        "math.fmod",
                        "math.frexp",
                        "math.huge",
                        "math.ldexp",
                        "math.log",
                        "math.max",
                        "math.min",
                        "math.modf",
                        "math.pi",
                        "math.pow",
                        "math.rad",
                        "math.random",
                        "math.randomseed",
                        "math.sin",
                        "math.sinh",
                        "math.sqrt",
                        "math.tan",
                        "math.tanh",
                        "coroutine.create",
                        "coroutine.resume",
                        "coroutine.running",
                        "coroutine.status",
                        "coroutine.wrap",
                        "coroutine.yield",
                        "bit32.arshift",
                        "bit32.band",
                        "bit32.bnot",
                        "bit32.bor",
                        "bit32.btest",
                        "bit32.bxor",
                        "bit32.extract",
                        "bit32.lrotate",
                        "bit32.lshift",
                        "bit32.replace",
                        "bit32.rrotate",
                        "bit32.rshift",
                        "os.clock",
                        "os.date",
                        "os.difftime",
                        "os.time");
    }

    @Test
    void shouldKeepStringMethodsToEachLuaStateAndOutOfReach() {
        // Two filters on one worker: what the first does to strings must not reach the second.
        Exchange x =
                Scenarios.only(
                        run(
                                yaml(
                                        lua(
                                                        "first",
                                                        """
                                                        function string.shout(s) return s:upper() .. "!" end
                                                        function envoy_on_request(handle)
                                                          pcall(function() getmetatable("").__index.upper = function() return "pwned" end end)
                                                          pcall(rawset, getmetatable(""), "__index", {})
                                                          string.upper = function() return "pwned" end
                                                          handle:headers():add("x-first", ("hi"):shout())
                                                        end
                                                        """)
                                                + lua(
                                                        "second",
                                                        """
                                                        function envoy_on_request(handle)
                                                          handle:headers():add("x-upper", ("abc"):upper())
                                                          handle:headers():add("x-shout", tostring(("abc").shout))
                                                          handle:headers():add("x-meta", tostring(getmetatable("")))
                                                        end
                                                        """),
                                        "- name: get\n")));
        assertThat(of(x.events(), TrapEvent.class)).isEmpty();
        assertThat(upstream(x, "x-first")).isEqualTo("pwned!");
        assertThat(upstream(x, "x-upper")).isEqualTo("ABC");
        assertThat(upstream(x, "x-shout")).isEqualTo("nil");
        assertThat(upstream(x, "x-meta")).isEqualTo("string");
    }

    @Test
    void shouldLoadTextChunksIntoTheSandboxAndOnlyPreloadedModules() {
        Exchange x =
                Scenarios.only(
                        run(
                                yaml(
                                        lua(
                                                "jail",
                                                """
                                                package.preload.greeting = function(name) return {name = name} end
                                                function envoy_on_request(handle)
                                                  local h = handle:headers()
                                                  h:add("x-load", tostring(load("return 1 + 1")()))
                                                  h:add("x-env", tostring(load("return x", "c", "t", {x = 5})()))
                                                  h:add("x-loadstring", tostring(loadstring("return io")()))
                                                  h:add("x-require", tostring(require("string") == string))
                                                  h:add("x-preload", require("greeting").name)
                                                  h:add("x-unpack", tostring(select("#", unpack({1, 2, 3}))))
                                                  h:add("x-gc", tostring(collectgarbage("count") >= 0))
                                                  print("printed", 42)
                                                  h:add("x-tostring", tostring(handle) .. " " .. tostring(handle:headers()))
                                                end
                                                """),
                                        "- name: get\n")));
        assertThat(of(x.events(), TrapEvent.class)).isEmpty();
        assertThat(upstream(x, "x-load")).isEqualTo("2");
        assertThat(upstream(x, "x-env")).isEqualTo("5");
        assertThat(upstream(x, "x-loadstring")).isEqualTo("nil");
        assertThat(upstream(x, "x-require")).isEqualTo("true");
        assertThat(upstream(x, "x-preload")).isEqualTo("greeting");
        assertThat(upstream(x, "x-unpack")).isEqualTo("3");
        assertThat(upstream(x, "x-gc")).isEqualTo("true");
        assertThat(logs(x)).contains("printed\t42");
        // Lua's form for userdata, not the Java objects behind them.
        assertThat(upstream(x, "x-tostring"))
                .matches("userdata: 0x[0-9a-f]+ userdata: 0x[0-9a-f]+");
    }

    @Test
    void shouldFollowTheScenarioClockInOsDate() {
        Exchange x =
                Scenarios.only(
                        run(
                                yaml(
                                                lua(
                                                        "jail",
                                                        """
                                                        function envoy_on_request(handle)
                                                          handle:headers():add("x-date", os.date("!%Y-%m-%d %H:%M"))
                                                          handle:headers():add("x-time", tostring(os.time()))
                                                        end
                                                        """),
                                                "- name: get\n")
                                        .replace("workers: 1", "workers: 1\nclock: virtual")));
        assertThat(upstream(x, "x-date")).isEqualTo("2026-01-01 00:00");
        assertThat(upstream(x, "x-time")).isEqualTo("1767225600");
    }

    /**
     * Two requests through a Lua filter that runs {@code code} on the first only and marks each
     * request it finishes with {@code x-fine: yes}; {@code settings} are top-level scenario keys.
     */
    private static RunResult onFirstOfTwo(String code, String settings) {
        return run(
                yaml(
                                lua(
                                        "jail",
                                        """
                                        function envoy_on_request(handle)
                                          if handle:headers():get("x-first") then
                                        %s
                                          end
                                          handle:headers():add("x-fine", "yes")
                                        end
                                        """
                                                .formatted(code.indent(4).stripTrailing())),
                                """
                                - name: first
                                  headers: {x-first: "1"}
                                - name: next
                                """)
                        .replace("workers: 1", "workers: 1\n" + settings));
    }

    /** Scripts that never end, each in a way LuaJ runs differently. */
    static Stream<String> neverEnding() {
        return Stream.of(
                // on a coroutine's own thread
                "coroutine.wrap(function() while true do end end)()",
                """
                local co = coroutine.create(function() while true do coroutine.yield() end end)
                while true do pcall(coroutine.resume, co) end
                """,
                // LuaJ hooks instructions only in functions whose environment is the globals
                "load('while true do end', 'spin', 't', {})()",
                """
                local f = load('return function() while true do end end', 'spin', 't', {})()
                f()
                """);
    }

    @ParameterizedTest
    @MethodSource("neverEnding")
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldStopEveryScriptThatNeverEnds(String spin) {
        RunResult r = onFirstOfTwo(spin, "callbackTimeout: 100ms");
        Exchange spinning = r.exchanges().get(0);
        assertThat(of(spinning.events(), TrapEvent.class))
                .singleElement()
                .satisfies(t -> assertThat(t.message()).endsWith("script timeout: 100 ms"));
        assertThat(spinning.response().status()).isEqualTo(200);
        assertThat(upstream(r.exchanges().get(1), "x-fine")).isEqualTo("yes");
    }

    @Test
    void shouldRefuseMoreCoroutinesInOneCallThanTheLimit() {
        // LuaJ runs each coroutine on a Java thread of its own: a script must not exhaust them.
        RunResult r =
                onFirstOfTwo(
                        """
                        local kept = {}
                        for i = 1, 1000 do
                          local co = coroutine.create(function() coroutine.yield() end)
                          coroutine.resume(co)
                          kept[i] = co
                        end
                        """,
                        "");
        assertThat(of(r.exchanges().get(0).events(), TrapEvent.class))
                .singleElement()
                .satisfies(t -> assertThat(t.message()).contains("too many coroutines"));
        assertThat(upstream(r.exchanges().get(1), "x-fine")).isEqualTo("yes");
    }
}
