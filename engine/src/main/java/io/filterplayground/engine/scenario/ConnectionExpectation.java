package io.filterplayground.engine.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What {@code test} checks for each run of a connection; null fields are not checked. {@code
 * received} is every byte the client got back, joined; {@code upstreamReceived} every byte the
 * upstream got; {@code closedBy} is {@code downstream}, {@code upstream} or the name of the filter
 * that closed the connection.
 */
public record ConnectionExpectation(
        byte[] received, byte[] upstreamReceived, List<String> logContains, String closedBy) {

    // Expectations are values: the same bytes expected are the same expectation.
    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionExpectation e
                && Arrays.equals(received, e.received)
                && Arrays.equals(upstreamReceived, e.upstreamReceived)
                && Objects.equals(logContains, e.logContains)
                && Objects.equals(closedBy, e.closedBy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                Arrays.hashCode(received),
                Arrays.hashCode(upstreamReceived),
                logContains,
                closedBy);
    }

    @Override
    public String toString() {
        return "ConnectionExpectation[received="
                + (received == null ? "-" : received.length + " bytes")
                + ", upstreamReceived="
                + (upstreamReceived == null ? "-" : upstreamReceived.length + " bytes")
                + ", logContains="
                + logContains
                + ", closedBy="
                + closedBy
                + "]";
    }
}
