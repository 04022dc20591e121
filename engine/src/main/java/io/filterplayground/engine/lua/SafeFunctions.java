package io.filterplayground.engine.lua;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Standard functions the sandbox offers in place of LuaJ's: bounded where LuaJ would allocate
 * without limit in Java code the watchdog cannot interrupt ({@code string.rep}, {@code
 * string.byte}, {@code unpack}), on the scenario clock ({@code os.time}, {@code os.date}), writing
 * to the trace ({@code print}), honouring {@code __pairs}, and doing nothing where they would act
 * on the whole JVM ({@code collectgarbage}).
 */
final class SafeFunctions {
    /**
     * The most values {@code unpack} or {@code string.byte} return (Lua 5.2's stack limit; LuaJ has
     * none and spends minutes, beyond the watchdog's reach, allocating more).
     */
    static final int MAX_RESULTS = 1_000_000;

    /** The longest string {@code string.rep} makes. */
    static final int MAX_REP_BYTES = 64 << 20;

    private SafeFunctions() {}

    /** Lua 5.2's {@code string.rep(s, n [, sep])}, refusing results over {@link #MAX_REP_BYTES}. */
    static LuaValue rep() {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaString s = args.checkstring(1);
                long n = args.checklong(2);
                LuaString sep = args.optstring(3, LuaString.valueOf(""));
                if (n <= 0 || s.rawlen() + sep.rawlen() == 0) {
                    return LuaString.valueOf("");
                }
                if (n > MAX_REP_BYTES) {
                    throw new LuaError("resulting string too large");
                }
                long total = s.rawlen() * n + sep.rawlen() * (n - 1);
                if (total > MAX_REP_BYTES) {
                    throw new LuaError("resulting string too large");
                }
                byte[] out = new byte[(int) total];
                int at = 0;
                for (long i = 0; i < n; i++) {
                    if (i > 0) {
                        sep.copyInto(0, out, at, sep.rawlen());
                        at += sep.rawlen();
                    }
                    s.copyInto(0, out, at, s.rawlen());
                    at += s.rawlen();
                }
                return LuaString.valueUsing(out);
            }
        };
    }

    /** {@code table.unpack(list [, i [, j]])} up to {@link #MAX_RESULTS} values. */
    static LuaValue unpack(LuaValue luaj) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaTable t = args.checktable(1);
                long i = args.isnil(2) ? 1 : args.checkint(2);
                long j = args.isnil(3) ? t.length() : args.checkint(3);
                if (j - i >= MAX_RESULTS) {
                    throw new LuaError("too many results to unpack");
                }
                return luaj.invoke(args);
            }
        };
    }

    /** {@code string.byte(s [, i [, j]])} up to {@link #MAX_RESULTS} values. */
    static LuaValue stringByte(LuaValue luaj) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                int length = args.checkstring(1).rawlen();
                long i = position(args.optint(2, 1), length);
                long j = args.isnil(3) ? i : position(args.checkint(3), length);
                if (Math.min(j, length) - Math.max(i, 1) >= MAX_RESULTS) {
                    throw new LuaError("string slice too long");
                }
                return luaj.invoke(args);
            }
        };
    }

    private static long position(long pos, int length) {
        return pos >= 0 ? pos : length + pos + 1;
    }

    /**
     * {@code os.time()} without a table is the scenario clock's, like {@code handle:timestamp()}.
     */
    static LuaValue time(LuaValue luaj, LongSupplier epochNanos) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() == 0 || args.arg1().isnil()) {
                    return valueOf(epochNanos.getAsLong() / 1_000_000_000L);
                }
                return luaj.invoke(args);
            }
        };
    }

    /** {@code os.date(format)} without a time formats the scenario clock's now. */
    static LuaValue date(LuaValue luaj, LongSupplier epochNanos) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.isnumber(2)) {
                    return luaj.invoke(args);
                }
                LuaValue format = args.narg() == 0 ? valueOf("%c") : args.arg1();
                return luaj.invoke(format, valueOf(epochNanos.getAsLong() / 1_000_000_000L));
            }
        };
    }

    /**
     * {@code pairs} honouring {@code __pairs} (LuaJ 3.0.1's ignores it; Envoy's objects use it).
     */
    static LuaValue pairs(LuaValue luaj) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaValue mt = args.arg1().getmetatable();
                if (mt != null && !mt.isnil()) {
                    LuaValue p = mt.rawget("__pairs");
                    if (!p.isnil()) {
                        return p.invoke(args.arg1());
                    }
                }
                return luaj.invoke(args);
            }
        };
    }

    /** {@code print}: the values as {@code tostring} writes them, tab-separated, to the trace. */
    static LuaValue print(LuaValue tostring, Consumer<String> sink) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= args.narg(); i++) {
                    if (i > 1) {
                        sb.append('\t');
                    }
                    sb.append(tostring.call(args.arg(i)).tojstring());
                }
                sink.accept(sb.toString());
                return NONE;
            }
        };
    }

    /** The JVM collects garbage: {@code collectgarbage} accepts Lua's options and does nothing. */
    static LuaValue collectgarbage() {
        List<String> options =
                List.of(
                        "collect",
                        "stop",
                        "restart",
                        "count",
                        "step",
                        "setpause",
                        "setstepmul",
                        "isrunning",
                        "generational",
                        "incremental");
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                String option = args.optjstring(1, "collect");
                if (!options.contains(option)) {
                    argerror(1, "invalid option '" + option + "'");
                }
                return ZERO;
            }
        };
    }
}
