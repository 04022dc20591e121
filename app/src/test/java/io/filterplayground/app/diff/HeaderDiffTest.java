package io.filterplayground.app.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.diff.HeaderChange.Change;
import io.filterplayground.engine.http.Headers;
import org.junit.jupiter.api.Test;

class HeaderDiffTest {
    @Test
    void shouldMarkAddedRemovedChangedAndSameEntries() {
        Headers before = Headers.of(":path", "/a", "x-user", "alice", "content-length", "5");
        Headers after = Headers.of(":path", "/b", "x-user", "alice", "x-tenant", "demo");
        assertThat(HeaderDiff.diff(before, after))
                .containsExactly(
                        new HeaderChange(":path", "/a", "/b", Change.CHANGED),
                        new HeaderChange("x-user", "alice", "alice", Change.SAME),
                        new HeaderChange("content-length", "5", null, Change.REMOVED),
                        new HeaderChange("x-tenant", null, "demo", Change.ADDED));
    }

    @Test
    void shouldMatchRepeatedHeadersByPosition() {
        Headers before = Headers.of("set-cookie", "a=1", "set-cookie", "b=2");
        Headers after = Headers.of("set-cookie", "a=1", "set-cookie", "b=3", "set-cookie", "c=4");
        assertThat(HeaderDiff.diff(before, after))
                .extracting(HeaderChange::change)
                .containsExactly(Change.SAME, Change.CHANGED, Change.ADDED);
    }
}
