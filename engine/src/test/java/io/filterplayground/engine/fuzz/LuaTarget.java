package io.filterplayground.engine.fuzz;

import io.filterplayground.engine.Playground;
import io.filterplayground.engine.ScenarioRunner;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.trace.TraceSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lua scripts, fed through a Lua filter in a small chain (a body, a callout to a mock cluster, a
 * second request): the sandbox and the watchdog are the Lua filter's; this only checks that any
 * script ends in a result or one clear error.
 */
final class LuaTarget implements FuzzTarget {
    private static final String SCENARIO =
            """
            workers: 1
            clock: virtual
            callbackTimeout: 200ms
            clusters:
              backend: {mock: {status: 200, headers: {content-type: text/plain}, body: "hello"}}
              auth: {mock: {status: 403, body: "no"}}
            route: backend
            filters:
              - name: fuzz
                luaFile: fuzz.lua
                config: {metadata: {request: {x-a: "1"}, response: {x-b: "2"}}}
            requests:
              - {name: get, path: "/a?b=c", headers: {x-user: alice}}
              - {name: post, method: POST, path: /p, body: "hello body", repeat: 2}
            """;

    @Override
    public String name() {
        return "lua";
    }

    @Override
    public String extension() {
        return "lua";
    }

    @Override
    public List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String p :
                List.of(
                        "io/filterplayground/samples/three-styles/add_header.lua",
                        "io/filterplayground/samples/three-styles/token_bucket.lua")) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(p)) {
                seeds.add(in.readAllBytes());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        for (String s :
                List.of(
                        """
                        function envoy_on_request(handle)
                          local body = handle:body()
                          handle:logInfo("body " .. (body and body:getBytes(0, body:length()) or ""))
                          local h, b = handle:httpCall("auth", {[":method"] = "GET",
                            [":path"] = "/check", [":authority"] = "auth"}, "", 1000)
                          if h[":status"] ~= "200" then
                            handle:respond({[":status"] = "403"}, "denied: " .. b)
                          end
                        end
                        """,
                        """
                        function envoy_on_response(handle)
                          local hs = handle:headers()
                          for k, v in pairs(hs) do handle:logDebug(k .. "=" .. v) end
                          hs:replace("x-seen", tostring(#hs))
                          handle:streamInfo():dynamicMetadata():set("f", "k", {1, 2, 3})
                          local t = {}
                          for i = 1, 10 do t[i] = string.rep("x", i) end
                          handle:logWarn(table.concat(t, ","))
                        end
                        """)) {
            seeds.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return seeds;
    }

    @Override
    public List<String> dictionary() {
        return List.of(
                "end",
                "function",
                "local ",
                "return ",
                "(",
                ")",
                "{",
                "}",
                "[",
                "]",
                "..",
                ":",
                ".",
                ",",
                "=",
                "==",
                "~=",
                "#",
                "nil",
                "true",
                "false",
                "0",
                "-1",
                "1e308",
                "0/0",
                "\"",
                "'",
                "[[",
                "]]",
                "--",
                "\n",
                "while true do ",
                "for i=1,1e9 do ",
                " do ",
                " then ",
                "if ",
                "else ",
                "repeat ",
                " until ",
                "goto l ",
                "::l::",
                "string.rep(\"x\", 1e9)",
                "string.format(\"%s\", ",
                "setmetatable({}, ",
                "getmetatable(\"\")",
                "coroutine.wrap(",
                "coroutine.yield()",
                "error(",
                "pcall(",
                "load(",
                "require(",
                "os.exit(",
                "io.open(",
                "debug.sethook(",
                "rawset(_G, ",
                "handle:",
                "handle:body()",
                "handle:headers()",
                "handle:respond(",
                "handle:httpCall(",
                "handle:metadata()",
                "handle:streamInfo()",
                "handle:trailers()",
                "handle:bodyChunks()",
                "handle:connection()",
                ":getBytes(0, 1e9)",
                ":setBytes(",
                ":add(",
                ":remove(",
                ":replace(",
                "\u0000",
                "\\255",
                "\\u{10FFFF}");
    }

    @Override
    public long limitMillis() {
        return 20_000;
    }

    @Override
    public void run(byte[] input) throws InterruptedException {
        Scenario s =
                ScenarioLoader.parse(
                        SCENARIO,
                        "lua-fuzz.yaml",
                        ref -> {
                            if (!ref.equals("fuzz.lua")) {
                                throw new IOException("no such file: " + ref);
                            }
                            return input;
                        });
        ScenarioRunner.run(s, Playground.Options.defaults(), TraceSink.NONE);
    }
}
