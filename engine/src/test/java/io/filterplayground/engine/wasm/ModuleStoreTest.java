package io.filterplayground.engine.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.Parser;
import io.filterplayground.engine.abi.Action;
import io.filterplayground.engine.bench.BigModule;
import io.filterplayground.engine.harness.HostHarness;
import io.filterplayground.engine.harness.HttpContext;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.wasm.store.CompiledModuleStore;
import io.filterplayground.engine.wasm.store.StoredClasses;
import io.filterplayground.samples.SampleModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiled modules kept on disk between starts, through the real engine: each "start" drops the
 * process's parsed module ({@link ModuleCache#forget}) so the next one reads the store, as the
 * app's next start would.
 */
class ModuleStoreTest {
    private static final Headers GET =
            Headers.of(":authority", "example.com", ":path", "/", ":method", "GET");
    private static final byte[] ADD_HEADER = SampleModule.ADD_HEADER.wasmBytes();

    @TempDir Path dir;

    @AfterEach
    void compileInMemoryAgain() {
        ModuleCache.forget(ADD_HEADER);
        ModuleCache.compileAtEveryStart();
    }

    @Test
    void shouldWriteOnTheFirstStartAndRunFromTheStoreOnTheNext() throws IOException {
        ModuleCache.keepCompiledModules(dir, 64L << 20);
        ModuleCache.forget(ADD_HEADER);

        assertThat(addHeaderRuns()).isTrue();
        assertThat(ModuleCache.compiledModulesState()).contains("0 read, 1 written");
        assertThat(entries()).hasSize(1);

        ModuleCache.forget(ADD_HEADER);
        LoadedModule again = ModuleCache.load("add_header.wasm", ADD_HEADER);
        assertThat(again.wasm().codeSection().getFunctionBody(0).instructions())
                .as("bodies not decoded: the classes came from the store")
                .isEmpty();
        assertThat(addHeaderRuns()).isTrue();
        assertThat(ModuleCache.compiledModulesState()).contains("1 read, 1 written");
    }

    @Test
    void shouldRecompileACorruptedEntryAndNeverRunIt() throws IOException {
        ModuleCache.keepCompiledModules(dir, 64L << 20);
        ModuleCache.forget(ADD_HEADER);
        assertThat(addHeaderRuns()).isTrue();
        Path entry = entries().get(0);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(entry, bytes);

        ModuleCache.forget(ADD_HEADER);
        assertThat(addHeaderRuns()).isTrue();

        assertThat(ModuleCache.compiledModulesState()).contains("0 read, 2 written, 1 rejected");
        assertThat(Files.readAllBytes(entry)).as("written again, whole").isNotEqualTo(bytes);
    }

    @Test
    void shouldInterpretFromDecodedBodiesWhenTheStoreHasTheClasses() {
        ModuleCache.keepCompiledModules(dir, 64L << 20);
        ModuleCache.forget(ADD_HEADER);
        assertThat(addHeaderRuns()).isTrue();

        ModuleCache.forget(ADD_HEADER);
        try (HostHarness host =
                HostHarness.builder("add_header.wasm", ADD_HEADER)
                        .rootId("add_header")
                        .configuration("{\"request\": {\"x-a\": \"1\"}}")
                        .machine(io.filterplayground.engine.proxy.Machine.INTERPRETER)
                        .build()) {
            HttpContext http = host.newHttpContext();
            assertThat(http.onRequestHeaders(GET, true)).isEqualTo(Action.CONTINUE);
            assertThat(http.requestHeaders().first("x-a")).contains("1");
            http.complete();
        }
    }

    @Test
    void shouldDecodeBodiesWhenTheCompilerLeftFunctionsToTheInterpreter() throws IOException {
        // 100 KB functions are too big for one JVM method: Chicory interprets them, from bodies.
        byte[] big = BigModule.build(3, 100_000);
        byte[] small = BigModule.build(2, 3_000);
        assertThat(StoredClasses.needFunctionBodies(compiledJar(big))).isTrue();
        assertThat(StoredClasses.needFunctionBodies(compiledJar(small))).isFalse();

        ModuleCache.keepCompiledModules(dir, 64L << 20);
        try {
            for (int start = 0; start < 2; start++) {
                ModuleCache.forget(big);
                LoadedModule m = ModuleCache.load("big.wasm", big);
                assertThat(m.wasm().codeSection().getFunctionBody(6).instructions()).isNotEmpty();
                try (HostHarness host = HostHarness.builder("big.wasm", big).build()) {
                    HttpContext http = host.newHttpContext();
                    assertThat(http.onRequestHeaders(GET, true)).isEqualTo(Action.CONTINUE);
                    http.complete();
                }
            }
            assertThat(ModuleCache.compiledModulesState()).contains("1 read, 1 written");
            assertThat(storedEntry(big).interprets()).as("found when written").isTrue();
            ModuleCache.load("small.wasm", small).compiledMachine();
            assertThat(storedEntry(small).interprets()).isFalse();
        } finally {
            ModuleCache.forget(big);
            ModuleCache.forget(small);
        }
    }

    @Test
    void shouldReadABigModulesSectionsWhileHashingItAndRunFromTheStore() {
        // From 1 MB on, the digest is computed while the sections are read.
        byte[] big = BigModule.build(40, 30_000);
        assertThat(big.length).isGreaterThan(1 << 20);
        ModuleCache.keepCompiledModules(dir, 64L << 20);
        try {
            for (int start = 0; start < 2; start++) {
                ModuleCache.forget(big);
                LoadedModule m = ModuleCache.load("big.wasm", big);
                assertThat(m.sha256()).isEqualTo(LoadedModule.sha256(big));
                assertThat(m.wasm().codeSection().getFunctionBody(6).instructions().isEmpty())
                        .as("bodies skipped on the second start only")
                        .isEqualTo(start == 1);
                try (HostHarness host = HostHarness.builder("big.wasm", big).build()) {
                    HttpContext http = host.newHttpContext();
                    assertThat(http.onRequestHeaders(GET, true)).isEqualTo(Action.CONTINUE);
                    http.complete();
                }
            }
            assertThat(ModuleCache.compiledModulesState()).contains("1 read, 1 written");
        } finally {
            ModuleCache.forget(big);
        }
    }

    @Test
    void shouldLoadTheRememberedEntryWhileHashingAndNeverAnotherModules() throws IOException {
        byte[] a = BigModule.build(40, 30_000);
        byte[] b = BigModule.build(44, 30_000);
        ModuleCache.keepCompiledModules(dir, 64L << 20);
        try {
            for (byte[] m : List.of(a, b)) {
                ModuleCache.forget(m);
                ModuleCache.load("m.wasm", m).compiledMachine();
            }
            Path digests = dir.resolve("digests");
            assertThat(Files.readAllLines(digests))
                    .containsExactly(
                            CompiledModuleStore.fingerprint(b) + " " + LoadedModule.sha256(b),
                            CompiledModuleStore.fingerprint(a) + " " + LoadedModule.sha256(a));

            // The next start loads a's classes while hashing a: a runs from them.
            ModuleCache.forget(a);
            LoadedModule again = ModuleCache.load("a.wasm", a);
            assertThat(again.sha256()).isEqualTo(LoadedModule.sha256(a));
            assertThat(again.wasm().codeSection().getFunctionBody(6).instructions()).isEmpty();
            assertThat(addsNothing("a.wasm", a)).isTrue();

            // A line that says b is a: a's classes may load, but b is b.
            Files.write(
                    digests,
                    List.of(CompiledModuleStore.fingerprint(b) + " " + LoadedModule.sha256(a)));
            ModuleCache.forget(a);
            ModuleCache.forget(b);
            LoadedModule claimed = ModuleCache.load("b.wasm", b);
            assertThat(claimed.sha256()).isEqualTo(LoadedModule.sha256(b));
            assertThat(claimed.wasm().functionSection().functionCount())
                    .isEqualTo(Parser.parse(b).functionSection().functionCount());
            assertThat(addsNothing("b.wasm", b)).isTrue();
            assertThat(Files.readAllLines(digests).get(0))
                    .as("the wrong line corrected")
                    .isEqualTo(CompiledModuleStore.fingerprint(b) + " " + LoadedModule.sha256(b));

            // Garbage instead: loaded as without it.
            Files.write(digests, new byte[] {0, (byte) 0xff, '\n', ' ', 'x'});
            ModuleCache.forget(b);
            assertThat(ModuleCache.load("b.wasm", b).sha256()).isEqualTo(LoadedModule.sha256(b));
        } finally {
            ModuleCache.forget(a);
            ModuleCache.forget(b);
        }
    }

    /** One request through the module: Continue, as BigModule's request-headers callback says. */
    private static boolean addsNothing(String name, byte[] module) {
        try (HostHarness host = HostHarness.builder(name, module).build()) {
            HttpContext http = host.newHttpContext();
            boolean goesOn = http.onRequestHeaders(GET, true) == Action.CONTINUE;
            http.complete();
            return goesOn;
        }
    }

    @Test
    void shouldRefuseABigMalformedModuleInOneSentenceWhileHashingIt() {
        byte[] big = BigModule.build(40, 30_000);
        ModuleCache.keepCompiledModules(dir, 64L << 20);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20; i++) {
            byte[] bad =
                    java.util.Arrays.copyOf(big, big.length - 1 - random.nextInt(big.length / 2));
            bad[8 + random.nextInt(64)] ^= (byte) (1 + random.nextInt(255));
            assertThatThrownBy(() -> ModuleCache.load("bad.wasm", bad).compiledMachine())
                    .isInstanceOf(io.filterplayground.engine.error.ModuleLoadException.class)
                    .hasMessageStartingWith("bad.wasm: invalid WebAssembly module");
        }
    }

    @Test
    void shouldLetConcurrentStartsCompileOnceEachAndLeaveOneWholeEntry() throws Exception {
        // Separate stores on one directory, as separate processes of the app would open it.
        byte[] wasm = ADD_HEADER;
        int starts = 4;
        ExecutorService pool = Executors.newFixedThreadPool(starts);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                Callable<Boolean> start =
                        () -> {
                            CompiledModuleStore store = CompiledModuleStore.open(dir, 64L << 20);
                            LoadedModule m =
                                    LoadedModule.parse(
                                            "add_header.wasm",
                                            wasm,
                                            LoadedModule.sha256(wasm),
                                            store,
                                            null);
                            return m.compiledMachine() != null;
                        };
                done.add(pool.submit(start));
            }
            for (Future<Boolean> f : done) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(entries()).hasSize(1);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary file left behind")
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
        CompiledModuleStore later = CompiledModuleStore.open(dir, 64L << 20);
        LoadedModule m =
                LoadedModule.parse("add_header.wasm", wasm, LoadedModule.sha256(wasm), later, null);
        assertThat(m.compiledMachine()).isNotNull();
        assertThat(later.served()).isEqualTo(1);
        assertThat(later.rejected()).isZero();
    }

    private static boolean addHeaderRuns() {
        try (HostHarness host =
                HostHarness.builder("add_header.wasm", ADD_HEADER)
                        .rootId("add_header")
                        .configuration("{\"request\": {\"x-a\": \"1\"}}")
                        .build()) {
            HttpContext http = host.newHttpContext();
            assertThat(http.onRequestHeaders(GET, true)).isEqualTo(Action.CONTINUE);
            http.complete();
            return http.requestHeaders().first("x-a").filter("1"::equals).isPresent()
                    && host.logs().contains("add-header: request x-a: 1");
        }
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".classes")).toList();
        }
    }

    /** The jar Chicory's compiler hands a cache for this module. */
    private static byte[] compiledJar(byte[] wasm) {
        byte[][] jar = new byte[1][];
        MachineFactoryCompiler.builder(Parser.parse(wasm))
                .withInterpreterFallback(InterpreterFallback.SILENT)
                .withCache(
                        new Cache() {
                            @Override
                            public byte[] get(String key) {
                                return null;
                            }

                            @Override
                            public void putIfAbsent(String key, byte[] value) {
                                jar[0] = value;
                            }
                        })
                .compile();
        return jar[0];
    }

    private static CompiledModuleStore.Entry storedEntry(byte[] module) {
        return ModuleCache.compiledStore()
                .read(ModuleWithoutCode.chicoryDigest(LoadedModule.sha256(module)));
    }
}
