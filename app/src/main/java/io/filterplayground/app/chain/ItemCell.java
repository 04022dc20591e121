package io.filterplayground.app.chain;

import io.filterplayground.app.workspace.Ui;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * A filter or access logger in its list: the box that enables it, its name and module, and a badge
 * when the engine refused it at start (its settings say why). Subclasses add what they show more.
 */
class ItemCell extends ListCell<FilterItem> {
    protected final CheckBox enabled = new CheckBox();
    protected final Label name = Ui.label("", "chain-name");
    protected final Label module = Ui.label("", "muted", "chain-module");
    protected final Label failedBadge = Ui.label("failed", "badge", "failed-badge");
    private final Tooltip failedTip = new Tooltip();
    private final String idPrefix;
    private FilterItem bound;

    /** {@code idPrefix}: the enable box is {@code idPrefix + name} ({@code enabled-deny}). */
    ItemCell(String idPrefix) {
        this.idPrefix = idPrefix;
        // Fit the list's width (no sideways scrolling): names shorten with an ellipsis.
        setPrefWidth(0);
        failedBadge.setMinWidth(Label.USE_PREF_SIZE);
        failedBadge.managedProperty().bind(failedBadge.visibleProperty());
        failedBadge.setTooltip(failedTip);
    }

    @Override
    protected void updateItem(FilterItem item, boolean empty) {
        super.updateItem(item, empty);
        if (bound != null) {
            unbind(bound);
        }
        bound = null;
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        bound = item;
        bind(item);
        VBox text = new VBox(0, name, module);
        text.setMinWidth(0);
        setGraphic(layout(text));
    }

    protected void unbind(FilterItem was) {
        enabled.selectedProperty().unbindBidirectional(was.enabledProperty());
        name.textProperty().unbind();
        failedBadge.visibleProperty().unbind();
        failedTip.textProperty().unbind();
    }

    protected void bind(FilterItem item) {
        enabled.selectedProperty().bindBidirectional(item.enabledProperty());
        enabled.setId(idPrefix + item.nameProperty().get());
        name.textProperty().bind(item.nameProperty());
        module.setText(item.moduleLabel());
        failedBadge.visibleProperty().bind(item.engineProblemProperty().isNotEmpty());
        failedBadge.setId("failed-" + item.nameProperty().get());
        failedTip.textProperty().bind(item.engineProblemProperty());
    }

    /** The line: enable box, name and module ({@code text}), failed badge. */
    protected Node layout(VBox text) {
        return Ui.row(4, enabled, Ui.hgrow(text), failedBadge);
    }
}
