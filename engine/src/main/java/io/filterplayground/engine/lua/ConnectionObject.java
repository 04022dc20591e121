package io.filterplayground.engine.lua;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** Envoy's {@code ConnectionWrapper}: {@code handle:connection()}, with {@code ssl()}. */
final class ConnectionObject extends LuaObject {
    ConnectionObject(LuaRun run, int segment) {
        super(run, segment);
    }

    static ObjectType type() {
        LuaTable m = new LuaTable();
        m.set("ssl", noSsl(ConnectionObject.class, "connection:ssl"));
        return new ObjectType("connection", m);
    }

    /**
     * {@code connection:ssl()} and {@code streamInfo:downstreamSslConnection()}: nil, which is what
     * Envoy returns on a plaintext connection. The playground's downstream never does TLS, whatever
     * the request's {@code :scheme} says.
     */
    static <T extends LuaObject> LuaValue noSsl(Class<T> type, String call) {
        return method(
                type,
                call,
                (self, args) -> {
                    self.run.hostcall(call, "nil: the downstream connection is plaintext");
                    return LuaValue.NIL;
                });
    }
}
