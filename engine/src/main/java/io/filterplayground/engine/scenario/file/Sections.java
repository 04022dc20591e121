package io.filterplayground.engine.scenario.file;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The sections of one map, in the file's order: the order unknown-field messages list the keys in,
 * they are read in, and (unless {@link #writing} says otherwise) written in.
 */
final class Sections<M> implements Section<M> {
    private final List<Section<M>> parts;
    private final List<Section<M>> writeOrder;

    private Sections(List<Section<M>> parts, List<Section<M>> writeOrder) {
        this.parts = parts;
        this.writeOrder = writeOrder;
    }

    @SafeVarargs
    static <M> Sections<M> of(Section<M>... parts) {
        return new Sections<>(List.of(parts), List.of(parts));
    }

    /**
     * The same sections, with {@code moved} written just before {@code anchor} (the order files
     * have always been written in, where it differs from the order keys are listed in).
     */
    Sections<M> writing(Section<M> moved, Section<M> anchor) {
        List<Section<M>> order = new ArrayList<>(writeOrder);
        if (!order.remove(moved) || !order.contains(anchor)) {
            throw new IllegalArgumentException("both sections must be in the map");
        }
        order.add(order.indexOf(anchor), moved);
        return new Sections<>(parts, List.copyOf(order));
    }

    @Override
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (Section<M> s : parts) {
            for (String k : s.keys()) {
                if (!keys.contains(k)) {
                    keys.add(k);
                }
            }
        }
        return keys;
    }

    @Override
    public void read(Fields in, Draft into) {
        for (Section<M> s : parts) {
            s.read(in, into);
        }
    }

    /** Refuses unknown keys, then reads every section. */
    Draft readMap(Fields in) {
        in.allow(keys());
        Draft d = new Draft();
        read(in, d);
        return d;
    }

    @Override
    public void write(M model, Map<String, Object> out, UnaryOperator<String> refs) {
        for (Section<M> s : writeOrder) {
            s.write(model, out, refs);
        }
    }

    Map<String, Object> toMap(M model, UnaryOperator<String> refs) {
        Map<String, Object> out = new LinkedHashMap<>();
        write(model, out, refs);
        return out;
    }
}
