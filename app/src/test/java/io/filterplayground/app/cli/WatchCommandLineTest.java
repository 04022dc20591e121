package io.filterplayground.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filterplayground.app.WatchedFolder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run --watch}, {@code test --watch} and {@code diff} on a real folder: a module file
 * replaced by another real module reloads and replays, an invalid one keeps the last good one, a
 * build step builds on a source change, and {@code diff} compares saved runs by exit status.
 */
class WatchCommandLineTest {
    private static final byte[] PASS = WatchedFolder.PASS;
    private static final byte[] DENY = WatchedFolder.DENY;

    @TempDir Path dir;

    /** The watched folder's scenario; its filter.wasm is written by each test. */
    private Path scenario() throws Exception {
        byte[] module =
                Files.exists(dir.resolve("filter.wasm"))
                        ? Files.readAllBytes(dir.resolve("filter.wasm"))
                        : PASS;
        Path s = WatchedFolder.write(dir);
        Files.write(dir.resolve("filter.wasm"), module);
        return s;
    }

    /** A command running in the background until stopped, its output readable meanwhile. */
    private static final class Background implements AutoCloseable {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger status = new AtomicInteger(-1);
        final Thread thread;

        Background(String... args) {
            CommandLine cl = PlaygroundCommand.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            thread = new Thread(() -> status.set(cl.execute(args)), "watch-under-test");
            thread.start();
        }

        void await(Supplier<String> stream, String text) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!stream.get().contains(text)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError(
                            "no '" + text + "' in time; out:\n" + out + "\nerr:\n" + err);
                }
                Thread.sleep(50);
            }
        }

        void awaitOut(String text) throws InterruptedException {
            await(out::toString, text);
        }

        void awaitErr(String text) throws InterruptedException {
            await(err::toString, text);
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(30_000);
        }
    }

    @Test
    void shouldReloadAndReplayWhenTheModuleFileIsReplaced() throws Exception {
        Files.write(dir.resolve("filter.wasm"), PASS);
        try (Background w =
                new Background("run", scenario().toString(), "--watch", "--ignore-timing")) {
            w.awaitErr("watching");
            assertThat(w.out.toString()).contains("mallory");

            Files.write(dir.resolve("filter.wasm"), DENY);

            w.awaitOut("mallory now 403 (was 200)");
            assertThat(w.out.toString())
                    .contains(
                            "2 requests changed: mallory now 403 (was 200); alice: policy ·"
                                    + " proxy_on_response_headers: − Continue")
                    .contains("request mallory:")
                    .contains("header x-denied-by: + deny")
                    .contains("policy · proxy_on_request_headers: Continue → Pause");
            assertThat(w.err.toString()).contains("changed: filter.wasm");
            w.close();
            assertThat(w.status.get()).isZero();
        }
    }

    @Test
    void shouldKeepTheLastGoodModuleWhenAnInvalidOneIsWrittenOverIt() throws Exception {
        Files.write(dir.resolve("filter.wasm"), DENY);
        try (Background w = new Background("test", scenario().toString(), "--watch")) {
            w.awaitErr("watching");
            assertThat(w.out.toString()).contains("FAIL mallory");

            Files.write(dir.resolve("filter.wasm"), "half a module".getBytes());
            w.awaitErr("the last good version stays");
            assertThat(w.err.toString()).contains("filter.wasm");

            Files.write(dir.resolve("filter.wasm"), PASS);
            // Compared with the last good run (deny), not with the invalid module.
            w.awaitOut("mallory now 200 (was 403)");
            assertThat(w.out.toString()).contains("ok: 2 expectation block(s) passed");
        }
    }

    @Test
    void shouldRunTheBuildStepWhenASourceChangesAndReloadWhatItBuilt() throws Exception {
        Files.write(dir.resolve("filter.wasm"), PASS);
        Files.write(dir.resolve("next.wasm"), DENY);
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("lib.rs"), "// v1\n");
        try (Background w =
                new Background(
                        "run",
                        scenario().toString(),
                        "--watch",
                        "--build",
                        "echo compiling && cp ../next.wasm ../filter.wasm",
                        "--build-dir",
                        src.toString())) {
            w.awaitErr("watching");

            Files.writeString(src.resolve("lib.rs"), "// v2\n");

            w.awaitOut("mallory now 403 (was 200)");
            assertThat(w.err.toString())
                    .contains("building in " + src.toAbsolutePath())
                    .contains("  | compiling")
                    .contains("build succeeded");
        }
    }

    @Test
    void shouldReloadOnAChangedLuaScriptAndScenarioFile() throws Exception {
        Path lua = dir.resolve("filter.lua");
        Files.writeString(lua, script("1"));
        Path s = dir.resolve("lua.yaml");
        String scenario =
                """
                clusters: {backend: {mock: {status: 200, echo: true}}}
                route: backend
                filters:
                  - {name: tag, luaFile: filter.lua}
                requests:
                  - {name: one}
                """;
        Files.writeString(s, scenario);
        try (Background w = new Background("run", s.toString(), "--watch", "--ignore-timing")) {
            w.awaitErr("watching 2 file(s)");

            Files.writeString(lua, script("2"));
            w.awaitOut("1 request changed: one: header x-echo-x-version: 1 → 2");
            assertThat(w.out.toString())
                    .contains("tag · request_headers · adds x-version: 1 → 2")
                    .contains("upstream request header x-version: 1 → 2");

            Files.writeString(s, scenario + "  - {name: two}\n");
            w.awaitOut("1 request changed: two is new");
            assertThat(w.err.toString()).contains("changed: filter.lua", "changed: lua.yaml");
        }
    }

    private static String script(String version) {
        return "function envoy_on_request(handle)\n"
                + "  handle:headers():add(\"x-version\", \""
                + version
                + "\")\n"
                + "end\n";
    }

    @Test
    void shouldNeverTakeABuildCommandFromAScenarioFile() throws Exception {
        Files.write(dir.resolve("filter.wasm"), PASS);
        Path s = dir.resolve("hostile.yaml");
        Files.writeString(
                s,
                Files.readString(scenario())
                        + "build: {command: 'touch pwned', dir: '.'}\n"
                        + "watch: {build: 'touch pwned'}\n");

        CommandLineTest.Result r = CommandLineTest.exec("run", s.toString(), "--watch");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("filter-playground: hostile.yaml: build");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void shouldCompareSavedRunsWithExitStatuses() throws Exception {
        Path s = scenario();
        Files.write(dir.resolve("filter.wasm"), PASS);
        Path a = dir.resolve("a.json");
        Files.writeString(a, CommandLineTest.exec("run", s.toString(), "--json").out());
        Path again = dir.resolve("again.json");
        Files.writeString(again, CommandLineTest.exec("run", s.toString(), "--json").out());
        Files.write(dir.resolve("filter.wasm"), DENY);
        Path b = dir.resolve("b.json");
        Files.writeString(b, CommandLineTest.exec("run", s.toString(), "--json").out());

        CommandLineTest.Result same = CommandLineTest.exec("diff", a.toString(), again.toString());
        // Two runs of one module: only jitter differs, and jitter is not a change.
        CommandLineTest.Result differ =
                CommandLineTest.exec("diff", a.toString(), b.toString(), "--ignore-timing");
        CommandLineTest.Result json =
                CommandLineTest.exec("diff", a.toString(), b.toString(), "--json");
        CommandLineTest.Result bad = CommandLineTest.exec("diff", a.toString(), s.toString());

        assertThat(same.status()).as(same.out()).isZero();
        assertThat(same.out()).isEqualTo("no change in 2 requests\n");
        assertThat(differ.status()).isEqualTo(1);
        assertThat(differ.out())
                .contains("status: 200 → 403")
                .contains("2 requests changed: mallory now 403 (was 200); alice: ");
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.get("identical").asBoolean()).isFalse();
        assertThat(j.get("changed").get(1).get("name").asText()).isEqualTo("mallory");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("scenario.yaml: not JSON");
    }
}
