package io.filterplayground.engine.scenario.file;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * A kind of value in the scenario file: how it is read, with its messages, and how it is written.
 */
interface Value<V> {
    /** {@code n} (never null) as a value; {@code at} names it in messages. */
    V read(JsonNode n, String at, Reading r);

    /** What the file holds for {@code v}; null leaves the key out. */
    default Object write(V v) {
        return v;
    }

    static <V> Value<V> of(Value<V> reader, Function<V, Object> writer) {
        return new Value<>() {
            @Override
            public V read(JsonNode n, String at, Reading r) {
                return reader.read(n, at, r);
            }

            @Override
            public Object write(V v) {
                return writer.apply(v);
            }
        };
    }
}
