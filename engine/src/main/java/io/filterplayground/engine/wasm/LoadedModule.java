package io.filterplayground.engine.wasm;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import com.dylibso.chicory.wasm.types.ValType;
import io.filterplayground.engine.abi.AbiVersion;
import io.filterplayground.engine.error.ModuleLoadException;
import io.filterplayground.engine.util.Sha256;
import io.filterplayground.engine.wasm.host.HostcallCatalog;
import io.filterplayground.engine.wasm.store.CompiledModuleStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A parsed module and everything learned from it once: its hash, ABI version, conventions, and (on
 * first use) its compiled form, which every instance on every worker shares: compile once,
 * instantiate per worker.
 */
public final class LoadedModule {
    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};

    private final String name;
    private final String sha256;
    private final long size;
    private final WasmModule wasm;
    private final AbiVersion abi;
    private final ModuleInfo info;
    private final int importedFunctions;
    private final String[] functionNames;
    private final java.util.Map<String, ExportedFunction> functionExports;
    private final boolean declaresGcTypes;
    private final CompiledModuleStore store;

    /** The bytes, kept only while the function bodies are not decoded ({@link #withCode}). */
    private byte[] undecoded;

    /** The module with its function bodies: {@link #wasm} unless read without them. */
    private volatile WasmModule withCode;

    /** The store's verified classes for this module, read at load, until compiled. */
    private byte[] storedClasses;

    private volatile Function<Instance, com.dylibso.chicory.runtime.Machine> compiled;

    /**
     * {@code withoutCode}: the module read without its function bodies, when its compiled classes
     * come from the store ({@code storedClasses} to load, or {@code compiled} already loaded); null
     * reads it in full.
     */
    private LoadedModule(
            String name,
            byte[] bytes,
            String sha256,
            CompiledModuleStore store,
            WasmModule withoutCode,
            byte[] storedClasses,
            Function<Instance, com.dylibso.chicory.runtime.Machine> compiled) {
        this.name = name;
        this.sha256 = sha256;
        this.size = bytes.length;
        this.store = store;
        if (bytes.length < 8 || !startsWithMagic(bytes)) {
            throw new ModuleLoadException(
                    name + ": not a WebAssembly module (the file does not start with \\0asm)");
        }
        this.wasm = withoutCode != null ? withoutCode : readFully(name, bytes);
        this.withCode = withoutCode != null ? null : wasm;
        this.undecoded = withoutCode != null ? bytes : null;
        this.storedClasses = storedClasses;
        this.compiled = compiled;
        try {
            this.importedFunctions = wasm.importSection().count(ExternalType.FUNCTION);
            this.abi = detectAbi();
            this.functionNames = functionNames();
            this.functionExports = functionExports();
            this.declaresGcTypes = typeSectionHasGcTypes();
            this.info = inspect();
        } catch (ChicoryException e) {
            // The parser does not check every index (a function of an unknown type, found by
            // fuzzing): reading the module's interface does.
            throw new ModuleLoadException(
                    name + ": invalid WebAssembly module: " + plain(e.getMessage()), e);
        }
    }

    /**
     * The module read without its function bodies, for classes from the store, or null when the
     * sections cannot be read that way (then it is read in full, which says what is wrong).
     */
    private static WasmModule withoutCode(
            byte[] bytes, String sha256, ModuleWithoutCode.Sections sections) {
        try {
            return sections != null
                    ? sections.withDigest(sha256)
                    : ModuleWithoutCode.parse(bytes, sha256);
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            return null;
        }
    }

    /** Parses and validates the whole module, function bodies included. */
    private static WasmModule readFully(String name, byte[] bytes) {
        try {
            return Parser.parse(bytes);
        } catch (ChicoryException | IllegalArgumentException e) {
            throw new ModuleLoadException(
                    name + ": invalid WebAssembly module: " + plain(e.getMessage()), e);
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            // Chicory's parser can fail on malformed code without a ChicoryException (an index
            // of -1, a null control frame, an assert of its own when assertions are on): hostile
            // bytes are still only an invalid module.
            throw new ModuleLoadException(
                    name
                            + ": invalid WebAssembly module: malformed bytes the parser could not"
                            + " read ("
                            + e.getClass().getSimpleName()
                            + ")",
                    e);
        }
    }

    /** Parses and validates; throws {@link ModuleLoadException} with one plain sentence. */
    public static LoadedModule parse(String name, byte[] bytes) {
        return new LoadedModule(name, bytes, sha256(bytes), null, null, null, null);
    }

    /**
     * Also consults the disk store of compiled modules, when there is one; {@code sections} (may be
     * null) are the module's sections, already read.
     */
    static LoadedModule parse(
            String name,
            byte[] bytes,
            String sha256,
            CompiledModuleStore store,
            ModuleWithoutCode.Sections sections) {
        CompiledModuleStore.Entry stored =
                store == null ? null : store.read(ModuleWithoutCode.chicoryDigest(sha256));
        WasmModule withoutCode =
                stored != null && !stored.interprets()
                        ? withoutCode(bytes, sha256, sections)
                        : null;
        return new LoadedModule(
                name,
                bytes,
                sha256,
                store,
                withoutCode,
                stored == null ? null : stored.jar(),
                null);
    }

    /**
     * The module as the store's entry for {@code claimedSha256} has it, its classes loaded, before
     * the module's own digest is known ({@code ModuleCache} compares the two before the module
     * counts, and before any of its code runs). Writes nothing to the store. Null when the store
     * has no such entry, its classes need the function bodies, or anything fails.
     */
    static LoadedModule fromStoredClasses(
            String name,
            byte[] bytes,
            String claimedSha256,
            CompiledModuleStore store,
            ModuleWithoutCode.Sections sections) {
        CompiledModuleStore.Entry stored =
                store.read(ModuleWithoutCode.chicoryDigest(claimedSha256));
        if (stored == null || stored.interprets()) {
            return null;
        }
        WasmModule withoutCode = withoutCode(bytes, claimedSha256, sections);
        if (withoutCode == null) {
            return null;
        }
        try {
            Function<Instance, com.dylibso.chicory.runtime.Machine> compiled =
                    compiler(withoutCode)
                            .withCache(CompiledModuleStore.serving(stored.jar()))
                            .compile();
            return new LoadedModule(name, bytes, claimedSha256, store, withoutCode, null, compiled);
        } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
            return null;
        }
    }

    public String name() {
        return name;
    }

    public String sha256() {
        return sha256;
    }

    /**
     * The module's sections. When its compiled classes came from the disk store, the function
     * bodies are empty placeholders: what interprets the module asks {@link #withCode()}.
     */
    public WasmModule wasm() {
        return wasm;
    }

    /** The module with its function bodies, decoded (and validated) now if they were skipped. */
    public WasmModule withCode() {
        WasmModule m = withCode;
        if (m == null) {
            synchronized (this) {
                m = withCode;
                if (m == null) {
                    m = readFully(name, undecoded);
                    withCode = m;
                    undecoded = null;
                }
            }
        }
        return m;
    }

    /** The advertised ABI, or null when the module exports no known marker. */
    public AbiVersion abi() {
        return abi;
    }

    public ModuleInfo info() {
        return info;
    }

    /** Whether the function at this index is imported (a host function), not defined here. */
    public boolean importsFunction(int index) {
        return index < importedFunctions;
    }

    /** The module's own name for a function index (from the name section), or {@code func[i]}. */
    public String functionName(int index) {
        if (index >= 0 && index < functionNames.length && functionNames[index] != null) {
            return functionNames[index];
        }
        return "func[" + index + "]";
    }

    /** The type of an exported function, or null when the module exports no such function. */
    public FunctionType exportType(String export) {
        ExportedFunction f = functionExports.get(export);
        return f == null ? null : f.type();
    }

    /** An exported function: its index in the function space and its type. */
    record ExportedFunction(int index, FunctionType type) {}

    /** The function exported as {@code export}, or null. */
    ExportedFunction exportedFunction(String export) {
        return functionExports.get(export);
    }

    /**
     * Whether the type section declares GC types (struct, array: Chicory reads them as null
     * function types), whose references need the safe point of Chicory's public call path.
     */
    boolean declaresGcTypes() {
        return declaresGcTypes;
    }

    public boolean exportsFunction(String export) {
        return exportType(export) != null;
    }

    /** Chicory's compiled machine for this module, built once on first use. */
    public Function<Instance, com.dylibso.chicory.runtime.Machine> compiledMachine() {
        Function<Instance, com.dylibso.chicory.runtime.Machine> m = compiled;
        if (m == null) {
            synchronized (this) {
                m = compiled;
                if (m == null) {
                    try {
                        m = compile();
                    } catch (RuntimeException | StackOverflowError | AssertionError e) {
                        // Malformed code the parser let through can trip the compiler (a null
                        // scope, an unknown type id: found by fuzzing): still an invalid module.
                        throw new ModuleLoadException(
                                name
                                        + ": invalid WebAssembly module: the compiler could not"
                                        + " compile it ("
                                        + e.getClass().getSimpleName()
                                        + (e.getMessage() == null
                                                ? ""
                                                : ": " + plain(e.getMessage()))
                                        + ")",
                                e);
                    }
                    compiled = m;
                }
            }
        }
        return m;
    }

    /**
     * Compiles, or loads the classes the disk store gave at load time. Classes from the store that
     * fail to load (a runtime changed without a version change) are dropped from it and the module
     * is compiled here; a module compiled here is written to the store.
     */
    private Function<Instance, com.dylibso.chicory.runtime.Machine> compile() {
        byte[] stored = storedClasses;
        storedClasses = null;
        if (stored != null) {
            try {
                return compiler(wasm).withCache(CompiledModuleStore.serving(stored)).compile();
            } catch (RuntimeException | LinkageError e) {
                store.remove(ModuleWithoutCode.chicoryDigest(sha256));
            }
        }
        MachineFactoryCompiler.Builder compiler = compiler(withCode());
        return (store == null ? compiler : compiler.withCache(store)).compile();
    }

    private static MachineFactoryCompiler.Builder compiler(WasmModule module) {
        // The options are part of the store's key (StoreKey.FORMAT): change both together.
        return MachineFactoryCompiler.builder(module)
                .withInterpreterFallback(InterpreterFallback.SILENT);
    }

    FunctionType functionType(int functionIndex) {
        if (functionIndex < importedFunctions) {
            int seen = 0;
            for (int i = 0; i < wasm.importSection().importCount(); i++) {
                Import imp = wasm.importSection().getImport(i);
                if (imp instanceof FunctionImport f) {
                    if (seen++ == functionIndex) {
                        return wasm.typeSection().getType(f.typeIndex());
                    }
                }
            }
            return null;
        }
        int local = functionIndex - importedFunctions;
        if (local >= wasm.functionSection().functionCount()) {
            return null;
        }
        return wasm.typeSection().getType(wasm.functionSection().getFunctionType(local));
    }

    private AbiVersion detectAbi() {
        // cpp-host takes the first matching function export.
        for (int i = 0; i < wasm.exportSection().exportCount(); i++) {
            Export e = wasm.exportSection().getExport(i);
            if (e.exportType() == ExternalType.FUNCTION) {
                AbiVersion v = AbiVersion.ofMarker(e.name());
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    /** Exported functions and their types, looked up once: every VM instance asks for them. */
    private java.util.Map<String, ExportedFunction> functionExports() {
        java.util.Map<String, ExportedFunction> m = new java.util.HashMap<>();
        for (int i = 0; i < wasm.exportSection().exportCount(); i++) {
            Export e = wasm.exportSection().getExport(i);
            if (e.exportType() == ExternalType.FUNCTION) {
                m.putIfAbsent(e.name(), new ExportedFunction(e.index(), functionType(e.index())));
            }
        }
        return m;
    }

    private boolean typeSectionHasGcTypes() {
        for (FunctionType t : wasm.typeSection().types()) {
            if (t == null) {
                return true;
            }
        }
        return false;
    }

    private String[] functionNames() {
        int total = importedFunctions + wasm.functionSection().functionCount();
        String[] names = new String[total];
        NameCustomSection ns = null;
        try {
            ns = wasm.nameSection();
        } catch (RuntimeException ignored) {
            // A malformed name section only costs us nicer stack traces.
        }
        if (ns != null) {
            for (int i = 0; i < total; i++) {
                names[i] = ns.nameOfFunction(i);
            }
        }
        for (int i = 0; i < wasm.exportSection().exportCount(); i++) {
            Export e = wasm.exportSection().getExport(i);
            if (e.exportType() == ExternalType.FUNCTION && e.index() < total) {
                if (names[e.index()] == null) {
                    names[e.index()] = e.name();
                }
            }
        }
        return names;
    }

    private ModuleInfo inspect() {
        List<ModuleInfo.Import> imports = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        List<String> warnings = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < wasm.importSection().importCount(); i++) {
            Import imp = wasm.importSection().getImport(i);
            String sig = "";
            String support;
            if (imp instanceof FunctionImport f) {
                FunctionType t = wasm.typeSection().getType(f.typeIndex());
                sig = signature(t);
                support = HostcallCatalog.support(imp.module(), imp.name(), t);
                if (imp.module().equals("env")) {
                    used.add(imp.name());
                }
                if (!seen.add(imp.module() + "." + imp.name())) {
                    support = support + " (duplicate import, one host function serves both)";
                }
                if (support.startsWith("missing") || support.startsWith("mismatch")) {
                    warnings.add(imp.module() + "." + imp.name() + ": " + support);
                } else if (support.startsWith("stub")) {
                    warnings.add(
                            imp.module()
                                    + "."
                                    + imp.name()
                                    + " is linked but not honoured: "
                                    + support);
                }
            } else if (imp instanceof MemoryImport m) {
                sig = limits(m.limits());
                support = "provided";
            } else {
                support = "missing: the host provides no " + kind(imp.importType()) + " imports";
                warnings.add(imp.module() + "." + imp.name() + ": " + support);
            }
            imports.add(
                    new ModuleInfo.Import(
                            imp.module(), imp.name(), kind(imp.importType()), sig, support));
        }
        List<ModuleInfo.Export> exports = new ArrayList<>();
        List<String> callbacks = new ArrayList<>();
        for (int i = 0; i < wasm.exportSection().exportCount(); i++) {
            Export e = wasm.exportSection().getExport(i);
            String sig =
                    e.exportType() == ExternalType.FUNCTION
                            ? signature(functionType(e.index()))
                            : "";
            exports.add(new ModuleInfo.Export(e.name(), kind(e.exportType()), sig));
            if (e.exportType() == ExternalType.FUNCTION && e.name().startsWith("proxy_on_")) {
                callbacks.add(e.name());
            }
        }
        String allocator =
                exportsFunction("malloc")
                        ? "malloc"
                        : exportsFunction("proxy_on_memory_allocate")
                                ? "proxy_on_memory_allocate"
                                : null;
        if (allocator == null) {
            warnings.add(
                    "exports neither malloc nor proxy_on_memory_allocate: the host cannot return"
                            + " data to it (Envoy refuses such a module)");
        }
        if (exportsFunction("malloc") && exportsFunction("proxy_on_memory_allocate")) {
            allocator = "malloc (preferred, as Envoy does; proxy_on_memory_allocate also exported)";
        }
        String start =
                exportsFunction("_initialize")
                        ? (exportsFunction("main") ? "_initialize + main" : "_initialize")
                        : exportsFunction("_start") ? "_start" : "none";
        if (abi == null) {
            warnings.add(
                    "exports no proxy_abi_version_0_1_0 / _0_2_0 / _0_2_1 marker: Envoy rejects it"
                            + " (\"Missing or unknown Proxy-Wasm ABI version\")");
        }
        FunctionType headers = exportType("proxy_on_request_headers");
        String arity = headers == null ? "-" : headers.params().size() + " parameters";
        int initialPages = 0;
        Integer maxPages = null;
        if (wasm.memorySection().isPresent() && wasm.memorySection().get().memoryCount() > 0) {
            MemoryLimits l = wasm.memorySection().get().getMemory(0).limits();
            initialPages = l.initialPages();
            maxPages = l.maximumPages() >= MemoryLimits.MAX_PAGES ? null : l.maximumPages();
        }
        return new ModuleInfo(
                name,
                sha256,
                size,
                abi == null ? "none" : abi.version(),
                List.copyOf(imports),
                List.copyOf(exports),
                List.copyOf(used),
                List.copyOf(callbacks),
                allocator,
                start,
                arity,
                initialPages,
                maxPages,
                List.copyOf(warnings));
    }

    public static String signature(FunctionType t) {
        if (t == null) {
            return "?";
        }
        return "(" + types(t.params()) + ") -> (" + types(t.returns()) + ")";
    }

    private static String types(List<ValType> list) {
        StringBuilder sb = new StringBuilder();
        for (ValType v : list) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(typeName(v));
        }
        return sb.toString();
    }

    static String typeName(ValType v) {
        if (v.equals(ValType.I32)) {
            return "i32";
        } else if (v.equals(ValType.I64)) {
            return "i64";
        } else if (v.equals(ValType.F32)) {
            return "f32";
        } else if (v.equals(ValType.F64)) {
            return "f64";
        }
        return "ref";
    }

    private static String limits(MemoryLimits l) {
        return l.initialPages()
                + (l.maximumPages() >= MemoryLimits.MAX_PAGES ? "" : ".." + l.maximumPages())
                + " pages";
    }

    private static String kind(ExternalType t) {
        return switch (t) {
            case FUNCTION -> "function";
            case MEMORY -> "memory";
            case TABLE -> "table";
            case GLOBAL -> "global";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static boolean startsWithMagic(byte[] b) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    static String plain(String s) {
        return s == null ? "unknown reason" : s.replaceAll("\\s+", " ").trim();
    }

    /** The lower-case hex SHA-256 of {@code bytes} (a module's code hash). */
    public static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }
}
