package io.filterplayground.engine.chain;

import io.filterplayground.engine.filter.AccessLogger;

/** An access logger of a listener on one worker, with the name traces give it. */
public record AccessLog(String name, AccessLogger logger) {}
