package io.filterplayground.engine.server;

import io.filterplayground.engine.error.FilterStartException;
import java.util.function.Supplier;

/** A start step of a filter, service or logger: a failure names it. */
final class Starting {
    private Starting() {}

    static <T> T as(String name, Supplier<T> step) {
        try {
            return step.get();
        } catch (FilterStartException e) {
            throw e.forFilter(name);
        }
    }

    static void as(String name, Runnable step) {
        as(
                name,
                () -> {
                    step.run();
                    return null;
                });
    }
}
