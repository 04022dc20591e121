package io.filterplayground.engine.bench;

import io.filterplayground.engine.harness.HostHarness;
import io.filterplayground.engine.harness.HttpContext;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.wasm.ModuleCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One start of a 3 MB Go-shaped module ({@link BigModule}) with the disk store of compiled modules
 * in the given directory: prints how long the module took to be ready (parsed, compiled or read
 * from the store, instantiated, first request served). Run it twice on one directory, each in a
 * fresh JVM, for the first and the second start:
 *
 * <pre>
 * java -XX:-DontCompileHugeMethods -cp "$(cat cp.txt):engine/target/classes:engine/target/test-classes" \
 *     io.filterplayground.engine.bench.ModuleStoreStartup /tmp/store
 * </pre>
 *
 * A second argument {@code off} measures without the store. {@code --write DIR} writes the module
 * and a scenario with one request through it, for timing the whole app (README, "Compiled modules
 * ready at once").
 */
public final class ModuleStoreStartup {
    private ModuleStoreStartup() {}

    public static void main(String[] args) throws IOException {
        byte[] wasm = BigModule.build(100, 30_000);
        if (args[0].equals("--write")) {
            Path dir = Files.createDirectories(Path.of(args[1]));
            Files.write(dir.resolve("big.wasm"), wasm);
            Files.writeString(
                    dir.resolve("scenario.yaml"),
                    "# BigModule's 3 MB Go-shaped module: one request through it.\n"
                            + "filters: [{name: big, wasm: big.wasm}]\n"
                            + "requests:\n"
                            + "  - {name: one, expect: {status: 200}}\n");
            return;
        }
        if (args.length < 2 || !args[1].equals("off")) {
            ModuleCache.keepCompiledModules(Path.of(args[0]), 1L << 30);
        }
        long start = System.nanoTime();
        try (HostHarness host = HostHarness.builder("big.wasm", wasm).build()) {
            long started = System.nanoTime();
            HttpContext http = host.newHttpContext();
            http.onRequestHeaders(Headers.of(":path", "/", ":method", "GET"), true);
            http.complete();
            long end = System.nanoTime();
            System.out.printf(
                    "%d bytes ready in %d ms (read, compiled or loaded, VM started %d; first"
                            + " request %d); store: %s%n",
                    wasm.length,
                    (end - start) / 1_000_000,
                    (started - start) / 1_000_000,
                    (end - started) / 1_000_000,
                    ModuleCache.compiledModulesState());
        }
    }
}
