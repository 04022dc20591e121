package io.filterplayground.engine.wasm.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/** What a stored jar of compiled classes says about the module it was compiled from. */
public final class StoredClasses {
    /**
     * The class through which Chicory's compiled code calls the functions its compiler left to the
     * interpreter (too big for one JVM method); the generated machine has a field of this type only
     * when there are such functions. {@code ModuleStoreTest} holds this against the Chicory of the
     * build.
     */
    static final byte[] INTERPRETER =
            "com/dylibso/chicory/runtime/internal/CompilerInterpreterMachine"
                    .getBytes(StandardCharsets.UTF_8);

    private StoredClasses() {}

    /**
     * Whether the classes interpret some functions, and so need the module's function bodies; true
     * when the jar cannot be read (the safe answer).
     */
    public static boolean needFunctionBodies(byte[] jar) {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                if (e.getName().endsWith(".class") && contains(in.readAllBytes(), INTERPRETER)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
