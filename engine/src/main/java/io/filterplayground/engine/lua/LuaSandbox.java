package io.filterplayground.engine.lua;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.Bit32Lib;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.OsLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * The globals of one Lua state, built from an allow-list: what Envoy's Lua scripts use of the
 * standard libraries (the safe base functions, {@code string}, {@code table}, {@code math}, {@code
 * coroutine}, {@code bit32}, and of {@code os} only the clocks and dates), nothing else. LuaJ's
 * libraries are loaded, then the globals are emptied and refilled with the names listed here, so
 * whatever else a library brings ({@code package} searchers, {@code io}, {@code luajava}, {@code
 * debug}, {@code dofile}, {@code string.dump}...) is never reachable. No undumper is installed: no
 * binary chunk can be loaded.
 *
 * <p>Also the limits of one call into the script: the coroutines it may create, and the state's
 * {@code string} table bound to the running thread (see {@link StringMetatable}).
 */
final class LuaSandbox {
    /** Base functions kept from LuaJ as they are. */
    private static final List<String> BASE =
            List.of(
                    "_VERSION",
                    "assert",
                    "error",
                    "getmetatable",
                    "ipairs",
                    "next",
                    "pcall",
                    "rawequal",
                    "rawget",
                    "rawlen",
                    "rawset",
                    "select",
                    "setmetatable",
                    "tonumber",
                    "tostring",
                    "type",
                    "xpcall");

    private static final Map<String, List<String>> LIBRARIES =
            Map.of(
                    "string",
                    List.of(
                            "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower",
                            "match", "reverse", "sub", "upper"),
                    "table",
                    List.of("concat", "insert", "pack", "remove", "sort", "unpack"),
                    "math",
                    List.of(
                            "abs",
                            "acos",
                            "asin",
                            "atan",
                            "atan2",
                            "ceil",
                            "cos",
                            "cosh",
                            "deg",
                            "exp",
                            "floor",
                            "fmod",
                            "frexp",
                            "huge",
                            "ldexp",
                            "log",
                            "max",
                            "min",
                            "modf",
                            "pi",
                            "pow",
                            "rad",
                            "random",
                            "randomseed",
                            "sin",
                            "sinh",
                            "sqrt",
                            "tan",
                            "tanh"),
                    "coroutine",
                    List.of("resume", "running", "status", "yield"),
                    "bit32",
                    List.of(
                            "arshift", "band", "bnot", "bor", "btest", "bxor", "extract", "lrotate",
                            "lshift", "replace", "rrotate", "rshift"),
                    "os",
                    List.of("clock", "difftime"));

    /** What one call into the script may create: LuaJ runs each coroutine on its own thread. */
    static final int MAX_COROUTINES_PER_CALL = 100;

    private final Globals globals = new Globals();
    private final LuaTable strings;
    private int coroutines;

    /**
     * @param print where {@code print} writes (Envoy: the proxy's stdout; here the trace)
     * @param epochNanos the scenario clock, for {@code os.time()} and {@code os.date()}
     */
    LuaSandbox(ScriptWatchdog watchdog, Consumer<String> print, LongSupplier epochNanos) {
        StringMetatable.install();
        Map<String, LuaValue> staged = loadLibraries();
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        globals.STDIN = null;
        globals.STDOUT = nowhere;
        globals.STDERR = nowhere;
        globals.finder = name -> null;
        globals.debuglib = watchdog;
        LuaC.install(globals);
        for (String name : BASE) {
            globals.rawset(name, require(staged, name));
        }
        globals.rawset("_G", globals);
        for (Map.Entry<String, List<String>> lib : LIBRARIES.entrySet()) {
            LuaValue from = require(staged, lib.getKey());
            LuaTable to = new LuaTable();
            for (String name : lib.getValue()) {
                LuaValue v = from.rawget(name);
                if (v.isnil()) {
                    throw new IllegalStateException("LuaJ has no " + lib.getKey() + "." + name);
                }
                to.rawset(name, v);
            }
            globals.rawset(lib.getKey(), to);
        }
        this.strings = (LuaTable) globals.rawget("string");
        strings.rawset("rep", SafeFunctions.rep());
        strings.rawset("byte", SafeFunctions.stringByte(strings.rawget("byte")));
        LuaTable table = (LuaTable) globals.rawget("table");
        LuaValue unpack = SafeFunctions.unpack(table.rawget("unpack"));
        table.rawset("unpack", unpack);
        globals.rawset("unpack", unpack);
        LuaTable coroutine = (LuaTable) globals.rawget("coroutine");
        coroutine.rawset("create", coroutineCreate());
        coroutine.rawset("wrap", coroutineWrap());
        LuaTable os = (LuaTable) globals.rawget("os");
        os.rawset("time", SafeFunctions.time(require(staged, "os").rawget("time"), epochNanos));
        os.rawset("date", SafeFunctions.date(require(staged, "os").rawget("date"), epochNanos));
        globals.rawset("pairs", SafeFunctions.pairs(require(staged, "pairs")));
        globals.rawset("print", SafeFunctions.print(require(staged, "tostring"), print));
        globals.rawset("collectgarbage", SafeFunctions.collectgarbage());
        LuaTable pkg = new LuaTable();
        LuaTable loaded = new LuaTable();
        for (String lib : LIBRARIES.keySet()) {
            loaded.rawset(lib, globals.rawget(lib));
        }
        loaded.rawset("_G", globals);
        pkg.rawset("loaded", loaded);
        pkg.rawset("preload", new LuaTable());
        globals.rawset("package", pkg);
        SandboxLoader loader = new SandboxLoader(globals, pkg);
        globals.rawset("load", loader.load());
        globals.rawset("loadstring", loader.loadstring());
        globals.rawset("require", loader.require());
    }

    /**
     * Loads LuaJ's libraries into the globals (their functions bind to the state they are loaded
     * into), takes what they installed, and empties the globals.
     */
    private Map<String, LuaValue> loadLibraries() {
        LuaTable scratchPackage = new LuaTable();
        scratchPackage.rawset("loaded", new LuaTable());
        globals.rawset("package", scratchPackage);
        globals.load(new BaseLib());
        globals.load(new TableLib());
        globals.load(new StringLib());
        globals.load(new CoroutineLib());
        globals.load(new JseMathLib());
        globals.load(new Bit32Lib());
        globals.load(new OsLib());
        Map<String, LuaValue> staged = new HashMap<>();
        for (LuaValue k = globals.next(LuaValue.NIL).arg1();
                !k.isnil();
                k = globals.next(k).arg1()) {
            staged.put(k.tojstring(), globals.rawget(k));
        }
        for (String name : staged.keySet()) {
            globals.rawset(name, LuaValue.NIL);
        }
        return staged;
    }

    private static LuaValue require(Map<String, LuaValue> staged, String name) {
        LuaValue v = staged.get(name);
        if (v == null) {
            throw new IllegalStateException("LuaJ has no " + name);
        }
        return v;
    }

    Globals globals() {
        return globals;
    }

    /**
     * Starts a call into the script on this thread (loading the chunk, running or resuming a
     * handler); returns what {@link #exit} restores.
     */
    LuaValue enter() {
        coroutines = 0;
        return StringMetatable.bind(strings);
    }

    void exit(LuaValue previous) {
        StringMetatable.restore(previous);
    }

    /**
     * {@code function} as a coroutine runs it, on the coroutine's own thread: string methods of
     * this state, and Java failures as Lua errors (LuaJ's coroutine thread keeps only a Java
     * error's message, and a {@link StackOverflowError} has none: it would pass for a normal end).
     */
    LuaValue coroutineBody(LuaValue function) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                StringMetatable.bind(strings);
                try {
                    return function.invoke(args);
                } catch (LuaError | ScriptEnd e) {
                    throw e;
                } catch (StackOverflowError e) {
                    throw new LuaError("stack overflow");
                } catch (OutOfMemoryError e) {
                    throw new LuaError("not enough memory");
                } catch (RuntimeException e) {
                    throw new LuaError("host error: " + e);
                }
            }
        };
    }

    private LuaThread newCoroutine(LuaValue f) {
        if (++coroutines > MAX_COROUTINES_PER_CALL) {
            throw new LuaError(
                    "too many coroutines: a handler may create "
                            + MAX_COROUTINES_PER_CALL
                            + " at most (LuaJ runs each on a Java thread of its own)");
        }
        return new LuaThread(globals, coroutineBody(f.checkfunction()));
    }

    private LuaValue coroutineCreate() {
        return new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue f) {
                return newCoroutine(f);
            }
        };
    }

    private LuaValue coroutineWrap() {
        return new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue f) {
                LuaThread thread = newCoroutine(f);
                return new VarArgFunction() {
                    @Override
                    public Varargs invoke(Varargs args) {
                        Varargs r = thread.resume(args);
                        if (r.arg1().toboolean()) {
                            return r.subargs(2);
                        }
                        throw new LuaError(r.arg(2).tojstring());
                    }
                };
            }
        };
    }
}
