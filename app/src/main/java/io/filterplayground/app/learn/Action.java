package io.filterplayground.app.learn;

import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.scenario.FaultSpec;

/**
 * Something the learner does in the playground to reach a step (a step's {@code do:}). The window
 * shows them as what to try; {@link LessonRun} does them headless, as the window would.
 */
public sealed interface Action {
    /** A plain-words description: {@code send the request "mallory"}. */
    String describe();

    /** Send the scenario's request of that name (all its {@code repeat}, on its worker). */
    record Send(String request) implements Action {
        @Override
        public String describe() {
            return "send the request \"" + request + "\"";
        }
    }

    /** Move the virtual clock (the toolbar's Advance). */
    record Advance(long millis) implements Action {
        @Override
        public String describe() {
            return "advance the clock by "
                    + io.filterplayground.engine.scenario.Durations.display(millis);
        }
    }

    /** Open the scenario's connection of that name and take its steps. */
    record Connect(String connection) implements Action {
        @Override
        public String describe() {
            return "open the connection \"" + connection + "\"";
        }
    }

    /**
     * Edit a Wasm filter (or access logger) in the chain panel; the engine restarts on the edited
     * scenario. Null fields stay as they are; {@code clearInject} removes an injected fault.
     */
    record Edit(
            String filter,
            String vmId,
            String configuration,
            String vmConfiguration,
            FailurePolicy failurePolicy,
            FaultSpec inject,
            boolean clearInject,
            Boolean enabled)
            implements Action {
        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("edit the filter \"" + filter + "\":");
            if (vmId != null) {
                sb.append(" vm_id \"").append(vmId).append('"');
            }
            if (configuration != null) {
                sb.append(" configuration ").append(shown(configuration));
            }
            if (vmConfiguration != null) {
                sb.append(" VM configuration ").append(shown(vmConfiguration));
            }
            if (failurePolicy != null) {
                sb.append(" failure policy ").append(failurePolicy.displayName());
            }
            if (inject != null) {
                sb.append(" trap at call ")
                        .append(inject.call())
                        .append(" of ")
                        .append(inject.callback().exportName());
            }
            if (clearInject) {
                sb.append(" no injected trap");
            }
            if (enabled != null) {
                sb.append(enabled ? " enabled" : " disabled");
            }
            return sb.toString();
        }

        private static String shown(String text) {
            return text.isEmpty() ? "\"\" (none)" : text;
        }
    }

    /** Change the number of workers (the toolbar's worker count); the engine restarts. */
    record Workers(int count) implements Action {
        @Override
        public String describe() {
            return "set the workers to " + count;
        }
    }
}
