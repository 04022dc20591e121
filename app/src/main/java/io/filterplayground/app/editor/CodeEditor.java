package io.filterplayground.app.editor;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * A RichTextFX code area with line numbers and JSON / YAML / Lua colouring from {@link
 * Highlighter}. Colouring is recomputed when typing pauses, so large configurations stay smooth.
 */
public final class CodeEditor extends StackPane {
    private final CodeArea area = new CodeArea();
    private final ObjectProperty<ConfigSyntax> syntax =
            new SimpleObjectProperty<>(ConfigSyntax.JSON);

    public CodeEditor() {
        getStyleClass().add("code-editor");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.setWrapText(true);
        area.multiPlainChanges()
                .successionEnds(Duration.ofMillis(80))
                .subscribe(ignore -> highlight());
        syntax.addListener((o, a, b) -> highlight());
        getChildren().add(new VirtualizedScrollPane<>(area));
    }

    public CodeArea area() {
        return area;
    }

    public ObjectProperty<ConfigSyntax> syntaxProperty() {
        return syntax;
    }

    public String getText() {
        return area.getText();
    }

    /** Replaces the whole text (no-op when equal, so the caret does not jump). */
    public void setText(String text) {
        String t = text == null ? "" : text;
        if (!t.equals(area.getText())) {
            area.replaceText(t);
            // A new text (another filter, a reformat) is read from its start.
            area.moveTo(0);
            area.requestFollowCaret();
            highlight();
        }
    }

    /** Marks one line (1-based) as the place of an error; -1 clears the mark. */
    public void markLine(int line) {
        for (int i = 0; i < area.getParagraphs().size(); i++) {
            boolean mark = i == line - 1;
            if (mark || !area.getParagraph(i).getParagraphStyle().isEmpty()) {
                area.setParagraphStyle(
                        i, mark ? List.of("error-line") : Collections.<String>emptyList());
            }
        }
    }

    public void setEditable(boolean editable) {
        area.setEditable(editable);
    }

    private void highlight() {
        String text = area.getText();
        if (text.isEmpty()) {
            return;
        }
        area.setStyleSpans(0, styleSpans(Highlighter.spans(syntax.get(), text), text.length()));
    }

    static StyleSpans<Collection<String>> styleSpans(List<Span> spans, int length) {
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        int at = 0;
        for (Span s : spans) {
            if (s.start() < at) {
                continue;
            }
            b.add(Collections.emptyList(), s.start() - at);
            b.add(Collections.singleton(s.style()), s.end() - s.start());
            at = s.end();
        }
        b.add(Collections.emptyList(), Math.max(0, length - at));
        return b.create();
    }
}
