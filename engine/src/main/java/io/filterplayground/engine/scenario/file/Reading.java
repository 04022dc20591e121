package io.filterplayground.engine.scenario.file;

import io.filterplayground.engine.error.OneLine;
import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.scenario.source.ResourceResolver;
import java.io.IOException;

/** What reading one file needs throughout: its name for messages, and where its references lead. */
record Reading(String source, ResourceResolver resolver) {

    /**
     * The one message of a bad file: {@code demo.yaml: filters[1].failurePolicy: ...}; the file's
     * own text in {@code problem} has its control characters escaped, so it stays one line.
     */
    ScenarioException error(String at, String problem) {
        return new ScenarioException(source + ": " + at + ": " + OneLine.escape(problem));
    }

    /** The bytes of a file the scenario names; {@code at} is the key that names it. */
    byte[] read(String ref, String at) {
        try {
            return resolver.read(ref);
        } catch (IOException e) {
            throw error(at, "cannot read '" + ref + "': " + e.getMessage());
        }
    }
}
