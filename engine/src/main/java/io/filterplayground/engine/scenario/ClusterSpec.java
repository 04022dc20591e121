package io.filterplayground.engine.scenario;

import io.filterplayground.engine.upstream.MockSpec;

/** A cluster: built-in mock ({@code mock}) or a real HTTP server ({@code url}). */
public record ClusterSpec(String name, MockSpec mock, String url) {}
