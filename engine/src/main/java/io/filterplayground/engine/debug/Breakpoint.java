package io.filterplayground.engine.debug;

import io.filterplayground.engine.trace.StageEvent.Stage;

/**
 * Where streams stop: before {@code filter} meets a stream at {@code stage}, or at each of its
 * stages when {@code stage} is null. Envoy has nothing like it; it is the playground's debugger.
 */
public record Breakpoint(String filter, Stage stage) {
    public boolean matches(String filterName, Stage at) {
        return filter.equals(filterName) && (stage == null || stage == at);
    }
}
