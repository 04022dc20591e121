package io.filterplayground.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltWhileShownTest {
    private final List<String> built = new ArrayList<>();
    private final BuiltWhileShown<String> model = new BuiltWhileShown<>(built::add);

    @Test
    void shouldBuildAtOnceWhileShown() {
        model.show("a");
        model.show("b");
        assertThat(built).containsExactly("a", "b");
    }

    @Test
    void shouldBuildOnlyTheLatestOnceWhenShownAgain() {
        model.shownProperty().set(false);
        model.show("a");
        model.show("b");
        assertThat(built).isEmpty();

        model.shownProperty().set(true);
        model.shownProperty().set(false);
        model.shownProperty().set(true);
        assertThat(built).containsExactly("b");
    }
}
