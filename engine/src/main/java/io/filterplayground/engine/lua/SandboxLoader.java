package io.filterplayground.engine.lua;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.UpValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * What code a sandboxed script can load: {@code load} and {@code loadstring} compile Lua text
 * (never a binary chunk, whose bytecode LuaJ's interpreter would trust), and {@code require}
 * returns what {@code package.loaded} holds or what a {@code package.preload} function makes.
 * Nothing is ever looked up on disk or among Java classes (LuaJ's own {@code require} does both:
 * requiring one of its Java library classes handed scripts the whole JVM).
 */
final class SandboxLoader {
    private static final int ESC = 27;

    private final Globals globals;
    private final LuaTable packageTable;

    SandboxLoader(Globals globals, LuaTable packageTable) {
        this.globals = globals;
        this.packageTable = packageTable;
    }

    /** Lua 5.2's {@code load(chunk [, chunkname [, mode [, env]]])}, text chunks only. */
    LuaValue load() {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaValue chunk = args.arg1();
                if (!chunk.isstring() && !chunk.isfunction()) {
                    argerror(1, "string or function expected");
                }
                String name = args.optjstring(2, chunk.isstring() ? chunk.tojstring() : "=(load)");
                String mode = args.optjstring(3, "bt");
                LuaValue env = args.arg(4).isnil() ? globals : args.arg(4);
                return compile(
                        chunk.isstring() ? LuaValues.bytes(chunk.checkstring()) : read(chunk),
                        name,
                        mode,
                        env);
            }
        };
    }

    /** LuaJIT's {@code loadstring(s [, chunkname])}: {@code load} for a string. */
    LuaValue loadstring() {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaString s = args.checkstring(1);
                return compile(LuaValues.bytes(s), args.optjstring(2, s.tojstring()), "t", globals);
            }
        };
    }

    /**
     * Compiles {@code code} into a function of this state. The function is made with the state's
     * globals as its environment, then its {@code _ENV} is set to {@code env}: LuaJ runs the
     * watchdog's instruction hook only in functions made that way.
     */
    private Varargs compile(byte[] code, String name, String mode, LuaValue env) {
        boolean binary = code.length > 0 && code[0] == ESC;
        if (binary) {
            return failure(
                    "attempt to load a binary chunk (the playground's Lua loads text chunks only)");
        }
        if (mode.indexOf('t') < 0) {
            return failure("attempt to load a text chunk (mode is '" + mode + "')");
        }
        Prototype p;
        try {
            p = LuaC.instance.compile(new ByteArrayInputStream(code), name);
        } catch (LuaError e) {
            return failure(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return failure(String.valueOf(e.getMessage()));
        }
        LuaClosure f = new LuaClosure(p, globals);
        if (env != globals && f.upValues.length > 0) {
            f.upValues[0] = new UpValue(new LuaValue[] {env}, 0);
        }
        return f;
    }

    private static Varargs failure(String message) {
        return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(message));
    }

    /** A chunk given as a function: its pieces until it returns nil or an empty string. */
    private static byte[] read(LuaValue reader) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            LuaValue piece = reader.call();
            if (piece.isnil()) {
                break;
            }
            if (!piece.isstring()) {
                throw new LuaError("reader function must return a string");
            }
            byte[] b = LuaValues.bytes(piece.checkstring());
            if (b.length == 0) {
                break;
            }
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    /**
     * {@code require(name)}: {@code package.loaded}, then {@code package.preload}, else an error.
     */
    LuaValue require() {
        return new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue arg) {
                LuaString name = arg.checkstring();
                LuaValue loaded = packageTable.get("loaded");
                LuaValue have = loaded.istable() ? loaded.get(name) : NIL;
                if (have.toboolean()) {
                    return have;
                }
                LuaValue preload = packageTable.get("preload");
                LuaValue loader = preload.istable() ? preload.get(name) : NIL;
                if (!loader.isfunction()) {
                    throw new LuaError(
                            "module '"
                                    + name
                                    + "' not found: the playground's Lua loads no modules from"
                                    + " files or Java classes; define it in package.preload");
                }
                LuaValue module = loader.call(name, valueOf(":preload:"));
                if (!loaded.istable()) {
                    return module.isnil() ? TRUE : module;
                }
                if (!module.isnil()) {
                    loaded.set(name, module);
                } else if (loaded.get(name).isnil()) {
                    loaded.set(name, TRUE);
                }
                return loaded.get(name);
            }
        };
    }
}
