package io.filterplayground.app.timeline;

import io.filterplayground.app.workspace.Ui;
import io.filterplayground.app.workspace.WhileShown;
import io.filterplayground.engine.abi.explain.Explanation;
import java.util.Locale;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Beside the hostcalls: what the selected callback or hostcall is, when Envoy calls it, what its
 * result means and the common mistake around it, then what this call's result means and the
 * engine's hint about it. The words come from the engine's {@code Explanations}.
 */
final class ExplanationPane extends VBox {
    private static final String NOTHING =
            "Select a callback or a hostcall: what it is and when Envoy calls it shows here.";

    ExplanationPane(TimelineViewModel vm) {
        super(6);
        setId("explanation-pane");
        getStyleClass().add("explanation-pane");
        Ui.pad(this, 6, 8, 8, 8);
        Runnable explained = WhileShown.update(this, () -> show(vm.explainedProperty().get()));
        vm.explainedProperty().addListener((o, a, e) -> explained.run());
        show(vm.explainedProperty().get());
    }

    private void show(Explained e) {
        getChildren().clear();
        if (e == null) {
            getChildren().add(wrapped(NOTHING, "muted"));
            return;
        }
        Label name = Ui.label(e.name(), "explanation-name", "mono");
        name.setId("explanation-name");
        name.setWrapText(true);
        getChildren().add(name);
        if (e.subject() == null) {
            getChildren().add(wrapped("No explanation is written for this name yet.", "muted"));
        } else {
            Label kind = Ui.label(e.subject().kind().displayName(), "badge", "explanation-kind");
            getChildren().add(kind);
        }
        // What the engine noticed about this very call comes before the general words.
        if (e.hint() != null) {
            Label hint = wrapped("ⓘ This call: " + e.hint(), "explanation-hint");
            hint.setId("explanation-hint");
            getChildren().add(hint);
        }
        if (e.subject() != null) {
            fields(e.subject());
        }
        if (e.outcome() != null) {
            Label title = Ui.title("Result " + e.outcome().name());
            title.getStyleClass().add("explanation-outcome-title");
            VBox box = new VBox(2, title, wrapped(e.outcome().what(), "explanation-text"));
            if (!e.outcome().mistake().isBlank()) {
                box.getChildren().add(wrapped("⚠ " + e.outcome().mistake(), "explanation-text"));
            }
            box.setId("explanation-outcome");
            box.getStyleClass().add("explanation-outcome");
            getChildren().add(box);
        }
    }

    private void fields(Explanation x) {
        for (Map.Entry<String, String> f : x.fields()) {
            Label label = Ui.title(f.getKey().toUpperCase(Locale.ROOT));
            Label text =
                    wrapped(
                            f.getValue(),
                            f.getKey().equals("In Envoy")
                                    ? "explanation-source"
                                    : f.getKey().equals("Common mistake")
                                            ? "explanation-mistake"
                                            : "explanation-text");
            getChildren().add(new VBox(1, label, text));
        }
    }

    private static Label wrapped(String text, String... styles) {
        Label l = Ui.label(text, styles);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
