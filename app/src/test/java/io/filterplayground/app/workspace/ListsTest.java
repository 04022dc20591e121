package io.filterplayground.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

class ListsTest {
    private final ObservableList<String> list =
            FXCollections.observableArrayList("a", "b", "c", "d");
    private final List<String> changes = new ArrayList<>();

    ListsTest() {
        list.addListener(
                (ListChangeListener<String>)
                        c -> {
                            while (c.next()) {
                                changes.add(
                                        c.getFrom()
                                                + ":"
                                                + c.getRemoved()
                                                + "->"
                                                + c.getAddedSubList());
                            }
                        });
    }

    @Test
    void shouldReplaceOnlyTheRowThatChanged() {
        Lists.update(list, List.of("a", "B", "c", "d"));

        assertThat(list).containsExactly("a", "B", "c", "d");
        assertThat(changes).containsExactly("1:[b]->[B]");
    }

    @Test
    void shouldChangeNothingWhenTheRowsAreTheSame() {
        Lists.update(list, List.of("a", "b", "c", "d"));

        assertThat(changes).isEmpty();
    }

    @Test
    void shouldReplaceEverythingInOneChangeWhenTheSizeDiffersOrMostRowsMoved() {
        Lists.update(list, List.of("x", "a", "b", "c"));
        Lists.update(list, List.of("x", "a"));

        assertThat(list).containsExactly("x", "a");
        assertThat(changes)
                .containsExactly("0:[a, b, c, d]->[x, a, b, c]", "0:[x, a, b, c]->[x, a]");
    }
}
