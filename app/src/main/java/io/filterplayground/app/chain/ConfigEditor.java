package io.filterplayground.app.chain;

import io.filterplayground.app.editor.CodeEditor;
import io.filterplayground.app.editor.ConfigCheck;
import io.filterplayground.app.editor.ConfigSyntax;
import io.filterplayground.app.workspace.Ui;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** An editor with a heading, a syntax choice, a format button and a validation message. */
final class ConfigEditor extends VBox {
    final Label title;
    final Label hint = Ui.label("", "muted", "mono-small");
    final CodeEditor editor = new CodeEditor();
    private final ChoiceBox<ConfigSyntax> syntax = new ChoiceBox<>();
    private final Button format;
    private final Label message = Ui.label("", "inline-message");
    private boolean mapMode;
    private StringProperty text;
    private ObjectProperty<ConfigSyntax> syntaxProp;
    private ObservableValue<ConfigCheck.Result> check;
    private final ChangeListener<ConfigCheck.Result> onCheck = (o, a, b) -> show(b);
    private final ChangeListener<String> onText = (o, a, b) -> editor.setText(b);

    ConfigEditor(String id, String heading, List<ConfigSyntax> choices, boolean mapMode) {
        setId(id + "-box");
        setSpacing(4);
        title = Ui.title(heading);
        editor.setId(id + "-editor");
        editor.setPrefHeight(120);
        editor.setMinHeight(70);
        syntax.setId(id + "-syntax");
        syntax.setPrefWidth(74);
        message.setId(id + "-message");
        message.setWrapText(true);
        hint.setWrapText(true);
        hint.managedProperty().bind(hint.textProperty().isNotEmpty());
        hint.visibleProperty().bind(hint.textProperty().isNotEmpty());
        format =
                Ui.button(
                        id + "-format",
                        "Format",
                        "Re-indent the JSON",
                        () -> {
                            if (text != null && syntaxProp.get() == ConfigSyntax.JSON) {
                                text.set(ConfigCheck.prettyJson(text.get()));
                            }
                        });
        format.getStyleClass().addAll("small", "flat");
        setSyntaxChoices(choices, mapMode);
        editor.area()
                .textProperty()
                .addListener(
                        (o, a, b) -> {
                            if (text != null && !b.equals(text.get())) {
                                text.set(b);
                            }
                        });
        syntax.valueProperty()
                .addListener(
                        (o, a, b) -> {
                            if (syntaxProp == null || b == null || b == syntaxProp.get()) {
                                return;
                            }
                            // Switching shows the same value in the other syntax; a filter
                            // still gets JSON.
                            if (text != null) {
                                if (a == ConfigSyntax.JSON && b == ConfigSyntax.YAML) {
                                    text.set(ConfigCheck.jsonToYaml(text.get()));
                                } else if (a == ConfigSyntax.YAML
                                        && b == ConfigSyntax.JSON
                                        && !ConfigCheck.check(ConfigSyntax.YAML, text.get())
                                                .error()) {
                                    text.set(ConfigCheck.yamlToJson(text.get()));
                                }
                            }
                            syntaxProp.set(b);
                            editor.syntaxProperty().set(b);
                        });
        getChildren()
                .addAll(
                        Ui.row(6, title, Ui.spacer(), syntax, format),
                        hint,
                        Ui.vgrow(editor),
                        message);
    }

    void setSyntaxChoices(List<ConfigSyntax> choices, boolean mapMode) {
        this.mapMode = mapMode;
        ConfigSyntax keep = syntax.getValue();
        syntax.getItems().setAll(choices);
        if (keep != null && choices.contains(keep)) {
            syntax.setValue(keep);
        }
        boolean one = choices.size() == 1;
        syntax.setVisible(!one);
        syntax.setManaged(!one);
        boolean formats = choices.contains(ConfigSyntax.JSON);
        format.setVisible(formats);
        format.setManaged(formats);
    }

    void bind(
            ObjectProperty<ConfigSyntax> s,
            StringProperty t,
            ObservableValue<ConfigCheck.Result> c) {
        if (text != null) {
            text.removeListener(onText);
            check.removeListener(onCheck);
        }
        syntaxProp = null;
        text = null;
        check = null;
        if (t == null) {
            editor.setText("");
            show(new ConfigCheck.Result("", "", false));
            return;
        }
        syntax.setValue(s.get());
        editor.syntaxProperty().set(s.get());
        editor.setText(t.get());
        syntaxProp = s;
        text = t;
        check = c;
        t.addListener(onText);
        c.addListener(onCheck);
        show(c.getValue());
    }

    private void show(ConfigCheck.Result r) {
        message.getStyleClass().removeAll("error", "warning", "ok");
        if (r == null || r.ok()) {
            boolean yaml = syntaxProp != null && syntaxProp.get() == ConfigSyntax.YAML;
            message.setText(
                    yaml && !mapMode && r != null && !r.payload().isEmpty()
                            ? "Sent to the filter as JSON: " + r.payload()
                            : "");
            message.getStyleClass().add("ok");
        } else {
            message.setText(
                    r.message()
                            + (r.error()
                                    ? " — not applied."
                                    : " — sent as written; the filter decides."));
            message.getStyleClass().add(r.error() ? "error" : "warning");
        }
        message.setManaged(!message.getText().isEmpty());
        message.setVisible(!message.getText().isEmpty());
    }
}
