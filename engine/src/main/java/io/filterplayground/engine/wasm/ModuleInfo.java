package io.filterplayground.engine.wasm;

import java.util.List;

/**
 * What {@code inspect} reports about a module: its ABI, its imports and exports, which conventions
 * it follows, and which of its imports the host cannot honour.
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

    public record Import(
            String module, String name, String kind, String signature, String support) {}

    public record Export(String name, String kind, String signature) {}
}
