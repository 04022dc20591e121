package io.filterplayground.engine.wasm;

import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.trace.TraceDetail;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our host against the existing Chicory-based Java host ({@code
 * io.roastedroot:proxy-wasm-java-host:0.0.5}, on Chicory 1.5.1), same module, same request, in one
 * JMH run (the README's Performance section). The peer runs in its own class loader, so its Chicory
 * does not meet ours; the bench profile copies its jars to {@code target/peer-lib}. The peer is
 * driven through method handles (a few calls per request) and a dynamic-proxy handler, which costs
 * it some tens of nanoseconds: read small differences with that in mind.
 *
 * <p>{@code filters} is how many filters each request passes (one VM and root context per filter,
 * on both hosts). {@code playground-full} is ours with the full trace, the level the window uses.
 *
 * <p>Run: {@code mvn -q -Pbench -pl engine -am verify -DskipTests -Djmh.args=PeerComparison}; the
 * README's rows: {@code -Djmh.args="PeerComparison -p module=noop -prof gc"} and {@code
 * -Djmh.args="PeerComparison -p module=raw-abi,as-sdk,rust,cpp -p filters=1 -p
 * host=playground,roastedroot"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 2,
        jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:-DontCompileHugeMethods"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PeerComparisonBenchmark {
    @Param({"noop", "raw-abi", "as-sdk", "rust", "cpp"})
    public String module;

    @Param({"1", "3"})
    public int filters;

    /**
     * playground: ours, minimal trace (the peer records nothing); playground-full: ours with the
     * window's full trace; roastedroot: the peer.
     */
    @Param({"playground", "playground-full", "roastedroot"})
    public String host;

    private FilterLevelHost[] ours;
    private Peer[] peer;

    @Setup(Level.Trial)
    public void start() throws Throwable {
        if (host.startsWith("playground")) {
            TraceDetail trace = host.equals("playground") ? TraceDetail.MINIMAL : TraceDetail.FULL;
            ours = new FilterLevelHost[filters];
            for (int i = 0; i < filters; i++) {
                ours[i] = new FilterLevelHost(module, Machine.COMPILED, trace);
            }
        } else {
            peer = new Peer[filters];
            for (int i = 0; i < filters; i++) {
                peer[i] = new Peer(module);
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Throwable {
        if (ours != null) {
            for (FilterLevelHost h : ours) {
                h.close();
            }
        }
        if (peer != null) {
            for (Peer p : peer) {
                p.close();
            }
        }
    }

    @Benchmark
    public Object request() throws Throwable {
        Object last = null;
        if (ours != null) {
            for (FilterLevelHost h : ours) {
                last = h.request();
            }
        } else {
            for (Peer p : peer) {
                last = p.request();
            }
        }
        return last;
    }

    /**
     * The peer host with its compiled machine, driven like its own tests drive it (also by {@code
     * HugeMethodBenchmark}).
     */
    public static final class Peer {
        private static final Map<String, String> REQUEST = new LinkedHashMap<>();
        private static final Map<String, String> RESPONSE = new LinkedHashMap<>();

        static {
            REQUEST.put(":authority", "example.com");
            REQUEST.put(":path", "/bench");
            REQUEST.put(":method", "GET");
            REQUEST.put(":scheme", "http");
            REQUEST.put("user-agent", "jmh");
            REQUEST.put("accept", "*/*");
            RESPONSE.put(":status", "200");
            RESPONSE.put("content-type", "text/plain");
            RESPONSE.put("content-length", "2");
            RESPONSE.put("date", "Thu, 01 Jan 2026 00:00:00 GMT");
        }

        private final URLClassLoader loader;
        private final Object proxyWasm;
        private final Object handler;
        private final MethodHandle createContext;
        private final MethodHandle onRequestHeaders;
        private final MethodHandle onResponseHeaders;
        private final MethodHandle closeContext;
        private final MethodHandle newMap;
        private Object requestHeaders;
        private Object responseHeaders;

        Peer(String module) throws Throwable {
            this(
                    FilterLevelHost.bytes(module),
                    FilterLevelHost.configuration(module),
                    FilterLevelHost.rootId(module));
        }

        public Peer(byte[] wasm, byte[] config, String root) throws Throwable {
            Path lib = Path.of(System.getProperty("peer.lib", "target/peer-lib"));
            List<URL> jars = new ArrayList<>();
            try (Stream<Path> files = Files.list(lib)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                    jars.add(p.toUri().toURL());
                }
            }
            loader =
                    new URLClassLoader(
                            jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            MethodHandles.Lookup l = MethodHandles.publicLookup();
            Class<?> wasmModule = loader.loadClass("com.dylibso.chicory.wasm.WasmModule");
            Object parsed =
                    loader.loadClass("com.dylibso.chicory.wasm.Parser")
                            .getMethod("parse", byte[].class)
                            .invoke(null, (Object) wasm);
            Object machine =
                    loader.loadClass("com.dylibso.chicory.compiler.MachineFactoryCompiler")
                            .getMethod("compile", wasmModule)
                            .invoke(null, parsed);
            Class<?> handlerType = loader.loadClass("io.roastedroot.proxywasm.internal.Handler");
            byte[] rootId = root.getBytes(StandardCharsets.UTF_8);
            InvocationHandler answers =
                    (proxy, method, args) ->
                            switch (method.getName()) {
                                case "getHttpRequestHeaders" -> requestHeaders;
                                case "getHttpResponseHeaders" -> responseHeaders;
                                case "getPluginConfig" -> config;
                                case "getProperty" ->
                                        List.of("plugin_root_id").equals(args[0]) ? rootId : null;
                                case "log" -> null;
                                default -> InvocationHandler.invokeDefault(proxy, method, args);
                            };
            handler = Proxy.newProxyInstance(loader, new Class<?>[] {handlerType}, answers);
            Class<?> proxyWasmType =
                    loader.loadClass("io.roastedroot.proxywasm.internal.ProxyWasm");
            Object builder = proxyWasmType.getMethod("builder").invoke(null);
            Class<?> builderType = builder.getClass();
            builderType.getMethod("withPluginHandler", handlerType).invoke(builder, handler);
            builderType.getMethod("withMachineFactory", Function.class).invoke(builder, machine);
            proxyWasm = builderType.getMethod("build", wasmModule).invoke(builder, parsed);
            Class<?> httpContext =
                    loader.loadClass("io.roastedroot.proxywasm.internal.HttpContext");
            createContext = l.unreflect(proxyWasmType.getMethod("createHttpContext", handlerType));
            onRequestHeaders =
                    l.unreflect(httpContext.getMethod("callOnRequestHeaders", boolean.class));
            onResponseHeaders =
                    l.unreflect(httpContext.getMethod("callOnResponseHeaders", boolean.class));
            closeContext = l.unreflect(httpContext.getMethod("close"));
            newMap =
                    l.unreflectConstructor(
                            loader.loadClass("io.roastedroot.proxywasm.internal.ArrayProxyMap")
                                    .getConstructor(Map.class));
        }

        public Object request() throws Throwable {
            requestHeaders = newMap.invoke(REQUEST);
            Object ctx = createContext.invoke(proxyWasm, handler);
            onRequestHeaders.invoke(ctx, true);
            responseHeaders = newMap.invoke(RESPONSE);
            onResponseHeaders.invoke(ctx, true);
            closeContext.invoke(ctx);
            return ctx;
        }

        public void close() throws Exception {
            ((AutoCloseable) proxyWasm).close();
            loader.close();
        }
    }
}
