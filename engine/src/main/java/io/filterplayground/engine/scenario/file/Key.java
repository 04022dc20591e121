package io.filterplayground.engine.scenario.file;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One key: its name, its kind of value, the model's getter, and its default, which an absent key
 * reads as and which is not written back (unless the key is {@link #always()} written).
 */
final class Key<M, V> implements Section<M>, Slot<V> {
    private final String name;
    private final Value<V> value;
    private final Function<M, V> get;
    private final V absent;
    private final boolean always;
    private final String required;

    private Key(
            String name,
            Value<V> value,
            Function<M, V> get,
            V absent,
            boolean always,
            String required) {
        this.name = name;
        this.value = value;
        this.get = get;
        this.absent = absent;
        this.always = always;
        this.required = required;
    }

    static <M, V> Key<M, V> of(String name, Value<V> value, Function<M, V> get, V absent) {
        return new Key<>(name, value, get, absent, false, null);
    }

    /** The {@code name:} of a filter, service or request, written even when it is the default. */
    static <M> Key<M, String> named(Function<M, String> get) {
        return of("name", Values.TEXT, get, null).always();
    }

    /** The same key, written even at its default. */
    Key<M, V> always() {
        return new Key<>(name, value, get, absent, true, required);
    }

    /** The same key, which the map must have: {@code problem} says so when it is missing. */
    Key<M, V> required(String problem) {
        return new Key<>(name, value, get, absent, always, problem);
    }

    String name() {
        return name;
    }

    @Override
    public V absent() {
        return absent;
    }

    @Override
    public List<String> keys() {
        return List.of(name);
    }

    @Override
    public void read(Fields in, Draft into) {
        if (in.has(name)) {
            into.put(this, in.read(name, value));
        } else if (required != null) {
            throw in.error(name, required);
        }
    }

    @Override
    public void write(M model, Map<String, Object> out, UnaryOperator<String> refs) {
        V v = get.apply(model);
        if (!always && (v == null || Objects.equals(v, absent))) {
            return;
        }
        Object written = value.write(v);
        if (written != null) {
            out.put(name, written);
        }
    }
}
