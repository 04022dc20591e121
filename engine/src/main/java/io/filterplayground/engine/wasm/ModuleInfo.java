package io.filterplayground.engine.wasm;

import io.filterplayground.engine.abi.Callback;
import java.util.List;

/**
 * What {@code inspect} reports about a module: its ABI, its imports and exports, which conventions
 * it follows, which of its imports the host cannot honour, and what it can be (its {@link
 * ModuleKind}s).
 */
public record ModuleInfo(
        String name,
        String sha256,
        long sizeBytes,
        String abiVersion,
        List<Import> imports,
        List<Export> exports,
        List<String> hostcallsUsed,
        List<String> callbacksExported,
        String allocator,
        String startFunction,
        String headersCallbackArity,
        int initialMemoryPages,
        Integer maximumMemoryPages,
        List<String> warnings) {

    /** What the module can be in Envoy, from the callbacks it exports. */
    public List<ModuleKind> kinds() {
        return ModuleKind.of(callbacksExported);
    }

    /** Whether Envoy would call it as an access logger: it exports {@code proxy_on_log}. */
    public boolean canBeAccessLogger() {
        return callbacksExported.contains(Callback.LOG.exportName());
    }

    /** {@link #kinds()} in one line for people, with what the exports cannot tell. */
    public String kindSummary() {
        return ModuleKind.describe(kinds(), callbacksExported);
    }

    public record Import(
            String module, String name, String kind, String signature, String support) {}

    public record Export(String name, String kind, String signature) {}
}
