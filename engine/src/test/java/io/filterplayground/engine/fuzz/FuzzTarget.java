package io.filterplayground.engine.fuzz;

import java.util.List;

/**
 * One kind of untrusted input: its seeds, a dictionary for text mutations, and what running one
 * input means. {@link #run} returns normally for a result and throws an {@code EngineException}
 * (ScenarioException, ModuleLoadException...) for one clear error; anything else is a finding.
 */
interface FuzzTarget {
    String name();

    /** The file extension inputs are kept with. */
    String extension();

    List<byte[]> seeds();

    List<String> dictionary();

    /** How long one input may take before it counts as a hang. */
    long limitMillis();

    /** Whether an input is left out (it would reach the network). */
    default boolean skip(byte[] input) {
        return false;
    }

    void run(byte[] input) throws Exception;
}
