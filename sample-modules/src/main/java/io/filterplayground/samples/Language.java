package io.filterplayground.samples;

/** The language and toolchain a catalog module was built with. */
public enum Language {
    WAT("WebAssembly text (wat2wasm)"),
    ASSEMBLYSCRIPT("AssemblyScript 0.14 + @solo-io/proxy-runtime 0.1.8"),
    RUST("Rust 1.63, wasm32-wasi, in-repo mini SDK"),
    C("C, clang-14 wasm32-wasi"),
    CPP_EMSCRIPTEN("C++, emscripten 3.1.6");

    private final String displayName;

    Language(String displayName) {
        this.displayName = displayName;
    }

    /** Human-readable name, e.g. for a module list in the GUI. */
    public String displayName() {
        return displayName;
    }
}
