package io.filterplayground.engine.bench;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.trace.TraceSink;
import io.filterplayground.engine.wasm.LoadedModule;
import io.filterplayground.engine.wasm.ModuleCache;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A large module (3 MB, a hundred 30 KB functions, shaped like a Go build) on every worker: {@code
 * compile} is the first parse and compile of the module; {@code readyOnEveryWorker} is what it
 * costs afterwards to start a playground with it on {@code workers} workers and have each serve a
 * request (a VM per worker, instantiated from the cached compile, started and configured).
 *
 * <p>Run: {@code mvn -q -Pbench -pl engine -am verify -DskipTests -Djmh.args=ModuleStart}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:-DontCompileHugeMethods"})
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class ModuleStartBenchmark {
    @Param({"2", "4"})
    public int workers;

    private byte[] wasm;
    private Scenario scenario;

    @Setup
    public void build() {
        wasm = BigModule.build(100, 30_000);
        scenario =
                ScenarioLoader.parse(
                        "workers: " + workers + "\nfilters: [{name: big, wasm: big.wasm}]\n",
                        "big.yaml",
                        ref -> wasm);
        // The playground's own cache: compiled once, then shared by every playground.
        ModuleCache.load("big.wasm", wasm).compiledMachine();
    }

    @Benchmark
    public Object compile() {
        LoadedModule m = LoadedModule.parse("big.wasm", wasm);
        return m.compiledMachine();
    }

    @Benchmark
    public List<Exchange> readyOnEveryWorker() throws Exception {
        try (Playground p =
                Playground.start(scenario, Playground.Options.defaults(), TraceSink.NONE)) {
            List<CompletableFuture<Exchange>> served = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                served.add(p.send("warm-" + w, HttpRequest.get("/"), w));
            }
            List<Exchange> out = new ArrayList<>();
            for (CompletableFuture<Exchange> f : served) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        }
    }
}
