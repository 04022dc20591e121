package io.filterplayground.engine.wasm;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.DataCountSection;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.ElementSection;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.GlobalSection;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.Section;
import com.dylibso.chicory.wasm.types.StartSection;
import com.dylibso.chicory.wasm.types.TableSection;
import com.dylibso.chicory.wasm.types.TagSection;
import com.dylibso.chicory.wasm.types.TypeSection;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A module read without decoding its function bodies, for a module whose compiled classes come from
 * the disk store: decoding and validating the code of a 3 MB Go module takes longer than loading
 * its classes, and the compiled machine does not read the bodies. Each function gets an empty
 * placeholder body. This is only sound when the store's entry verified (so this exact module was
 * fully parsed and validated when the entry was written) and none of its functions was left to the
 * interpreter ({@code CompiledModuleStore.Entry.interprets}); anything that interprets the module
 * asks {@link LoadedModule#withCode()} for the full parse.
 */
final class ModuleWithoutCode {
    private static final int CODE = 10;
    private static final int LAST_SECTION = 13;

    private ModuleWithoutCode() {}

    /** Chicory's digest of a module, as its parser writes it: the compiler's cache key. */
    static String chicoryDigest(String sha256Hex) {
        return "sha-256:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex));
    }

    static WasmModule parse(byte[] bytes, String sha256Hex) {
        return read(bytes).withDigest(sha256Hex);
    }

    /**
     * The sections, read before the module's digest is known (the digest is computed at the same
     * time: {@code ModuleCache}); null when they cannot be read, which the full parse reports.
     */
    static Sections tryRead(byte[] bytes) {
        try {
            return read(bytes);
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            // Any bytes get here, before the store vouched for them: as in the full parse,
            // malformed ones can fail without a ChicoryException.
            return null;
        }
    }

    private static Sections read(byte[] bytes) {
        Parser.Builder parser = Parser.builder().withValidation(false);
        for (int id = 0; id <= LAST_SECTION; id++) {
            if (id != CODE) {
                parser.includeSectionId(id);
            }
        }
        WasmModule.Builder module = WasmModule.builder().withValidation(false);
        int[] functions = {0};
        parser.build()
                .parse(
                        new ByteArrayInputStream(bytes),
                        section -> {
                            if (section instanceof FunctionSection f) {
                                functions[0] = f.functionCount();
                            }
                            add(module, section);
                        });
        return new Sections(module, functions[0]);
    }

    /** Every section but the code, waiting for the module's digest. Built once. */
    static final class Sections {
        private final WasmModule.Builder module;
        private final int functions;

        private Sections(WasmModule.Builder module, int functions) {
            this.module = module;
            this.functions = functions;
        }

        WasmModule withDigest(String sha256Hex) {
            CodeSection.Builder code = CodeSection.builder();
            for (int i = 0; i < functions; i++) {
                code.addFunctionBody(new FunctionBody(List.of(), List.of()));
            }
            return module.withDigest(chicoryDigest(sha256Hex)).setCodeSection(code.build()).build();
        }
    }

    /** What Chicory's parser does with each section it reads. */
    private static void add(WasmModule.Builder module, Section section) {
        switch (section.sectionId()) {
            case 0 ->
                    module.addCustomSection(
                            ((CustomSection) section).name(), (CustomSection) section);
            case 1 -> module.setTypeSection((TypeSection) section);
            case 2 -> module.setImportSection((ImportSection) section);
            case 3 -> module.setFunctionSection((FunctionSection) section);
            case 4 -> module.setTableSection((TableSection) section);
            case 5 -> module.setMemorySection((MemorySection) section);
            case 6 -> module.setGlobalSection((GlobalSection) section);
            case 7 -> module.setExportSection((ExportSection) section);
            case 8 -> module.setStartSection((StartSection) section);
            case 9 -> module.setElementSection((ElementSection) section);
            case 11 -> module.setDataSection((DataSection) section);
            case 12 -> module.setDataCountSection((DataCountSection) section);
            case 13 -> module.setTagSection((TagSection) section);
            default -> module.addIgnoredSection(section.sectionId());
        }
    }
}
