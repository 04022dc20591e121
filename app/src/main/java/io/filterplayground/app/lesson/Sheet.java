package io.filterplayground.app.lesson;

import io.filterplayground.app.workspace.Ui;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** A card over the dimmed playground (the lessons browser, the welcome). */
abstract class Sheet extends StackPane {
    Sheet(String id) {
        setId(id);
        getStyleClass().add("sheet-backdrop");
        setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
    }

    /** Puts {@code card} in the middle, {@code width} wide at most and as tall as it needs. */
    VBox card(VBox card, double width, double padding) {
        card.getStyleClass().add("sheet");
        card.setMaxSize(width, Region.USE_PREF_SIZE);
        Ui.pad(card, padding, padding + 2, padding, padding + 2);
        StackPane.setAlignment(card, Pos.CENTER);
        getChildren().add(card);
        return card;
    }

    /** A label whose text wraps and keeps its full height. */
    static Label wrapped(String text, String... styles) {
        Label l = Ui.label(text, styles);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
