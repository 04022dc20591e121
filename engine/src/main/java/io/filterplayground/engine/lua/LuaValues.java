package io.filterplayground.engine.lua;

import io.filterplayground.engine.http.Header;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Values between Lua and Java: metadata (Envoy's {@code MetadataMapHelper}: structs as tables,
 * lists as arrays) and header tables (Envoy's {@code buildHeadersFromTable}).
 */
final class LuaValues {
    private LuaValues() {}

    /** A Lua string's bytes. */
    static byte[] bytes(LuaString s) {
        byte[] out = new byte[s.rawlen()];
        s.copyInto(0, out, 0, out.length);
        return out;
    }

    static LuaValue toLua(Object v) {
        if (v == null) {
            return LuaValue.NIL;
        }
        if (v instanceof String s) {
            return LuaValue.valueOf(s);
        }
        if (v instanceof Boolean b) {
            return LuaValue.valueOf(b);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return LuaValue.valueOf(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return LuaValue.valueOf(n.doubleValue());
        }
        if (v instanceof byte[] b) {
            return LuaString.valueUsing(b.clone());
        }
        if (v instanceof Map<?, ?> map) {
            LuaTable t = new LuaTable();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                t.set(String.valueOf(e.getKey()), toLua(e.getValue()));
            }
            return t;
        }
        if (v instanceof List<?> list) {
            LuaTable t = new LuaTable();
            for (int i = 0; i < list.size(); i++) {
                t.set(i + 1, toLua(list.get(i)));
            }
            return t;
        }
        return LuaValue.valueOf(String.valueOf(v));
    }

    static Object toJava(LuaValue v) {
        if (v.isnil()) {
            return null;
        }
        if (v.isboolean()) {
            return v.toboolean();
        }
        if (v.isinttype()) {
            return (long) v.toint();
        }
        if (v.isnumber() && !v.isstring()) {
            double d = v.todouble();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
        }
        if (v.isstring()) {
            return v.tojstring();
        }
        if (v.istable()) {
            LuaTable t = (LuaTable) v;
            int n = t.length();
            boolean array = n > 0;
            int count = 0;
            for (LuaValue k = t.next(LuaValue.NIL).arg1(); !k.isnil(); k = t.next(k).arg1()) {
                count++;
            }
            if (array && count == n) {
                List<Object> list = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    list.add(toJava(t.get(i)));
                }
                return list;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (LuaValue k = t.next(LuaValue.NIL).arg1(); !k.isnil(); k = t.next(k).arg1()) {
                map.put(k.tojstring(), toJava(t.get(k)));
            }
            return map;
        }
        throw new LuaError("cannot store a " + v.typename() + " in metadata");
    }

    /** {@code map}'s entries as (key, value) pairs of Lua values. */
    static List<Varargs> entries(Map<String, ?> map) {
        List<Varargs> out = new ArrayList<>(map.size());
        for (Map.Entry<String, ?> e : map.entrySet()) {
            out.add(LuaValue.varargsOf(LuaValue.valueOf(e.getKey()), toLua(e.getValue())));
        }
        return out;
    }

    /** Envoy's {@code buildHeadersFromTable}: names lower-cased, a value may be a list. */
    static List<Header> headers(LuaTable table) {
        List<Header> out = new ArrayList<>();
        for (LuaValue k = table.next(LuaValue.NIL).arg1(); !k.isnil(); k = table.next(k).arg1()) {
            if (!k.isstring()) {
                throw new LuaError("header key must be a string, got " + k.typename());
            }
            String name = k.tojstring().toLowerCase(Locale.ROOT);
            LuaValue v = table.get(k);
            if (v.istable()) {
                LuaTable list = (LuaTable) v;
                for (LuaValue i = list.next(LuaValue.NIL).arg1();
                        !i.isnil();
                        i = list.next(i).arg1()) {
                    out.add(new Header(name, headerValue(list.get(i))));
                }
            } else {
                out.add(new Header(name, headerValue(v)));
            }
        }
        return out;
    }

    private static String headerValue(LuaValue v) {
        if (!v.isstring()) {
            throw new LuaError("header value must be a string or a number, got " + v.typename());
        }
        return v.tojstring();
    }
}
