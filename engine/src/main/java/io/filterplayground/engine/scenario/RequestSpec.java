package io.filterplayground.engine.scenario;

import io.filterplayground.engine.http.HttpRequest;

/**
 * A request of the scenario: what to send, how often, to which worker, and what {@code test}
 * expects. {@code worker} null means round-robin; {@code advanceMillis} moves the clock afterwards.
 */
public record RequestSpec(
        String name,
        HttpRequest request,
        int repeat,
        Integer worker,
        long advanceMillis,
        Expectation expect) {

    public RequestSpec withRequest(HttpRequest r) {
        return new RequestSpec(name, r, repeat, worker, advanceMillis, expect);
    }

    public RequestSpec withExpect(Expectation e) {
        return new RequestSpec(name, request, repeat, worker, advanceMillis, e);
    }

    public static RequestSpec of(String name, HttpRequest request) {
        return new RequestSpec(name, request, 1, null, 0, null);
    }
}
