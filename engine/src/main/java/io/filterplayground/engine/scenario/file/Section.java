package io.filterplayground.engine.scenario.file;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One key of a map in the scenario file, or a few keys read together: their names, how they are
 * read into a {@link Draft} of the model {@code M}, and how {@code M} writes them back (leaving out
 * what is at its default). Maps are lists of sections, so each key is spelled in one place.
 */
interface Section<M> {
    List<String> keys();

    void read(Fields in, Draft into);

    /** Puts this section's keys of {@code model} into {@code out}; {@code refs} maps file refs. */
    void write(M model, Map<String, Object> out, UnaryOperator<String> refs);

    /** This section on a part of a bigger model: the plugin of a Wasm filter, a request's HTTP. */
    default <O> Section<O> on(Function<O, M> part) {
        Section<M> self = this;
        return new Section<>() {
            @Override
            public List<String> keys() {
                return self.keys();
            }

            @Override
            public void read(Fields in, Draft into) {
                self.read(in, into);
            }

            @Override
            public void write(O model, Map<String, Object> out, UnaryOperator<String> refs) {
                self.write(part.apply(model), out, refs);
            }
        };
    }
}
