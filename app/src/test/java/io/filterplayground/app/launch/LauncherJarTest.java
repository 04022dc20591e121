package io.filterplayground.app.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.filterplayground.app.cli.CompiledModulesDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command, {@code java -jar filter-playground.jar ...}, against the shaded jar in a
 * child process: the app relaunches once with huge-method JIT on, and the user sees the same
 * arguments, stdin, stdout, stderr and exit status as without the relaunch. Runs after {@code
 * package} (the app pom's {@code launcher} execution), which passes the jar's path.
 */
@Tag("launcher")
class LauncherJarTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final long TIMEOUT_SECONDS = 180;

    @TempDir static Path dir;

    /** The jar under a path with spaces; the commands run from a sibling directory. */
    private static Path jar;

    private static Path workDir;

    private static Path cacheHome;

    record Ran(int status, String out, String err) {}

    @BeforeAll
    static void copyTheJar() throws IOException {
        Path built = Path.of(System.getProperty("launcher.jar", "target/filter-playground.jar"));
        Files.createDirectories(dir.resolve("my apps"));
        jar = Files.copy(built, dir.resolve("my apps/filter-playground.jar"));
        workDir = Files.createDirectories(dir.resolve("work dir"));
        cacheHome = dir.resolve("cache home");
    }

    @Test
    void shouldRunTheReadmeCommandWithHugeMethodJitOn() throws Exception {
        Ran r = java(List.of(), "--version");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("filter-playground ").contains("huge-method JIT on");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void shouldKeepHotSpotsDefaultWhenTheUserAsksForIt() throws Exception {
        assertThat(java(List.of("-Dfilterplayground.relaunch=false"), "--version").out())
                .contains("huge-method JIT off (HotSpot's default)");
        // Set on purpose: no relaunch, so no loop either.
        assertThat(java(List.of("-XX:+DontCompileHugeMethods"), "--version").out())
                .contains("huge-method JIT off (-XX:+DontCompileHugeMethods)");
    }

    @Test
    void shouldPassJvmOptionsGivenBeforeJar() throws Exception {
        Ran r = java(List.of("-Dpicocli.usage.width=55"), "--help");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Usage: filter-playground");
        assertThat(r.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThan(56));
    }

    @Test
    void shouldKeepExitStatusesAndStreams() throws Exception {
        Path scenario = workDir.resolve("checks.yaml");
        Files.writeString(
                scenario,
                """
                filters: [{name: hello, wasm: sample:hello-abi}]
                requests:
                  - {name: good, expect: {status: 200}}
                  - {name: bad, expect: {status: 418}}
                """);

        Ran failing = java(List.of(), "test", "checks.yaml");
        Ran bad = java(List.of(), "inspect", "no such module.wasm");

        assertThat(failing.status()).as(failing.err()).isEqualTo(1);
        assertThat(failing.out()).contains("418");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err().lines())
                .singleElement(STRING)
                .startsWith("filter-playground: ")
                .contains("no such module.wasm");
    }

    @Test
    void shouldRelaunchOnceAndLetTheChildReadTheConsole() throws Exception {
        Path scenario = workDir.resolve("debug.yaml");
        Files.writeString(
                scenario,
                """
                filters:
                  - name: deny
                    wasm: sample:deny
                    configuration: {header: x-user, values: [mallory], status: 403}
                requests:
                  - {name: alice, headers: {x-user: alice}}
                """);
        // Even a user's own "relaunch=true" cannot make the child relaunch again.
        Process p =
                start(
                        List.of("-Dfilterplayground.relaunch=true"),
                        "run",
                        "debug.yaml",
                        "--json",
                        "--break",
                        "deny");
        Path err = workDir.resolve("err.txt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!Files.readString(err).contains("debug> ") && System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as(Files.readString(err)).isTrue();
            Thread.sleep(50);
        }

        // Stopped at the breakpoint: one child JVM, with the flag, and no child of its own.
        List<ProcessHandle> descendants = p.descendants().toList();
        List<String> childCommand =
                descendants.isEmpty()
                        ? List.of()
                        : List.of(descendants.get(0).info().arguments().orElse(new String[0]));
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write("set x-user mallory\nc\n".getBytes(StandardCharsets.UTF_8));
        }
        Ran r = finish(p);

        assertThat(descendants).hasSize(1);
        assertThat(childCommand).contains("-XX:-DontCompileHugeMethods");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("paused before deny").contains("  x-user: alice");
        assertThat(new ObjectMapper().readTree(r.out()).at("/requests/0/response/status").asInt())
                .isEqualTo(403);
    }

    @Test
    void shouldKeepCompiledModulesInTheUsersCacheDirectoryAndReadThemOnTheNextStart()
            throws Exception {
        Path scenario = workDir.resolve("cached.yaml");
        Files.writeString(
                scenario,
                """
                filters: [{name: counter, wasm: sample:request-counter}]
                requests:
                  - {name: one, expect: {status: 200}}
                """);
        Path store = cacheHome.resolve("filter-playground/modules");

        Ran off = java(List.of(), "test", "cached.yaml", "--no-module-cache");
        assertThat(off.status()).as(off.err()).isZero();
        assertThat(entries(store)).isEmpty();

        Ran first = java(List.of(), "test", "cached.yaml");
        List<Path> written = entries(store);
        Ran second = java(List.of(), "test", "cached.yaml");

        assertThat(first.status()).as(first.err()).isZero();
        assertThat(written).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store)))
                .isEqualTo("rwx------");
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(entries(store)).isEqualTo(written);
        assertThat(java(List.of(), "--version").out())
                .contains("module cache: " + store.toRealPath());
    }

    @Test
    void shouldWriteTheClassArchiveOnceAndMapTheAppFromItOnTheNextStart() throws Exception {
        // HotSpot 17 archives no classes of a jar whose path has a space (README, "Compiled
        // modules ready at once"): this one has none.
        Path plainJar =
                Files.copy(jar, Files.createDirectories(dir.resolve("apps")).resolve("fp.jar"));
        Path archives = cacheHome.resolve("filter-playground/jvm");

        Ran writing =
                finish(
                        start(
                                plainJar,
                                List.of("-D" + ClassArchive.PROPERTY + "=write"),
                                "--version"));
        Path archive = files(archives, ".jsa").get(0);
        Ran mapped =
                finish(
                        start(
                                plainJar,
                                List.of("-Xlog:class+load=info:file=classes-%p.log"),
                                "--version"));

        assertThat(writing.status()).as(writing.err()).isZero();
        assertThat(writing.err()).isEmpty();
        assertThat(files(archives, "")).containsExactly(archive);
        assertThat(mapped.status()).as(mapped.err()).isZero();
        assertThat(mapped.out()).isEqualTo(writing.out());
        assertThat(mapped.err()).isEmpty();
        assertThat(files(workDir, ".log"))
                .anySatisfy(
                        log ->
                                assertThat(Files.readString(log))
                                        .contains(
                                                "io.filterplayground.app.Main source: shared"
                                                        + " objects file (top)"));

        // HotSpot 17 crashes on a truncated archive: the launcher must never pass one on.
        byte[] whole = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(whole, whole.length / 2));
        Ran damaged = finish(start(plainJar, List.of(), "--version"));

        assertThat(damaged.status()).as(damaged.err()).isZero();
        assertThat(damaged.out()).isEqualTo(writing.out());
        assertThat(damaged.err()).isEmpty();
        assertThat(archive).doesNotExist();
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static List<Path> entries(Path store) throws IOException {
        if (!Files.isDirectory(store)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(store)) {
            return files.filter(p -> p.toString().endsWith(".classes")).sorted().toList();
        }
    }

    private static Ran java(List<String> jvmOptions, String... args) throws Exception {
        Process p = start(jvmOptions, args);
        p.getOutputStream().close();
        return finish(p);
    }

    /** {@code java OPTIONS -jar "../my apps/filter-playground.jar" ARGS} in the work dir. */
    private static Process start(List<String> jvmOptions, String... args) throws IOException {
        return start(jar, jvmOptions, args);
    }

    private static Process start(Path jar, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(JAVA.toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(workDir.relativize(jar).toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeAll(Relaunch.OPTION_VARIABLES);
        env.remove(Relaunch.ENVIRONMENT);
        // The user's cache directory stays the user's: compiled modules go to the test's.
        env.remove(CompiledModulesDirectory.ENVIRONMENT);
        env.put("XDG_CACHE_HOME", cacheHome.toString());
        pb.redirectOutput(workDir.resolve("out.txt").toFile());
        pb.redirectError(workDir.resolve("err.txt").toFile());
        return pb.start();
    }

    private static Ran finish(Process p) throws Exception {
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("no exit within " + TIMEOUT_SECONDS + " s");
        }
        return new Ran(
                p.exitValue(),
                Files.readString(workDir.resolve("out.txt")),
                Files.readString(workDir.resolve("err.txt")));
    }
}
