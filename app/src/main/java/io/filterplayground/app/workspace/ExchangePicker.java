package io.filterplayground.app.workspace;

import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ObservableList;
import javafx.scene.control.ComboBox;

/**
 * The request picker above the centre panels: the latest requests and connections, newest first,
 * and the selected one. During a burst its list follows only while it is open (each change is a
 * layout of its list, twice a second); it catches up when it opens and when the burst ends.
 */
final class ExchangePicker extends ComboBox<RecordedExchange> {
    private final ObservableList<RecordedExchange> exchanges;
    private final Property<RecordedExchange> selected;
    private boolean following;

    ExchangePicker(
            ObservableList<RecordedExchange> exchanges,
            Property<RecordedExchange> selected,
            ObservableBooleanValue bursting) {
        this.exchanges = exchanges;
        this.selected = selected;
        setId("exchange-picker");
        setMaxWidth(Double.MAX_VALUE);
        setPromptText("No request sent yet");
        // The skin sizes the list to its widest row, laying out every row each time the list
        // changes; the picker fills the bar anyway, so measuring the newest row is enough.
        getProperties().put("comboBoxRowsToMeasureWidth", 1);
        exchanges.addListener(
                (InvalidationListener)
                        o -> {
                            if (!bursting.get() || isShowing()) {
                                follow();
                            }
                        });
        bursting.addListener((o, was, now) -> follow());
        setOnShowing(e -> follow());
        follow();
        selected.addListener(
                (o, was, now) -> {
                    if (getValue() != now) {
                        setValue(now);
                    }
                });
        valueProperty()
                .addListener(
                        (o, was, now) -> {
                            if (!following && now != selected.getValue()) {
                                selected.setValue(now);
                            }
                        });
    }

    /**
     * Copies the list in. Replacing its items makes the combo box set its value to null and back:
     * not passed on, or the selected request would be shown twice (and once as none).
     */
    private void follow() {
        if (!same(getItems(), exchanges)) {
            following = true;
            try {
                getItems().setAll(exchanges);
            } finally {
                following = false;
            }
        }
        if (getValue() != selected.getValue()) {
            setValue(selected.getValue());
        }
    }

    private static boolean same(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
