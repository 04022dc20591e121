package io.filterplayground.engine.scenario.envoy;

/** Why an imported filter cannot run in the playground: it becomes a placeholder saying so. */
final class NotRunnable extends Exception {
    NotRunnable(String reason) {
        super(reason, null, false, false);
    }
}
