package io.filterplayground.app.lesson;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * A lesson's Markdown drawn with JavaFX nodes: headings, paragraphs, bullet and numbered lists,
 * code fences, tables and images (read from the lesson's folder), with {@code **bold**}, {@code
 * *italic*}, {@code `code`} and links inside text. Only this subset: lessons are short, and the
 * rest shows as plain text. Links are shown, not followed.
 */
final class MarkdownView extends VBox {
    private static final Pattern INLINE =
            Pattern.compile(
                    "\\*\\*(.+?)\\*\\*|`([^`]+)`|\\[([^\\]]+)\\]\\(([^)]+)\\)|(?<![\\w*])[*_]([^*_]+)[*_](?![\\w*])");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)\\]\\(([^)\\s]+)\\)");
    private static final Pattern ORDERED = Pattern.compile("(\\d+)[.)]\\s+(.*)");

    private final Function<String, byte[]> files;

    /** {@code files} reads an image of the lesson's folder (throws when it cannot). */
    MarkdownView(String markdown, Function<String, byte[]> files) {
        super(6);
        this.files = files;
        getStyleClass().add("markdown");
        render(markdown);
    }

    private void render(String markdown) {
        List<String> lines = markdown.lines().toList();
        List<String> paragraph = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String t = line.strip();
            if (t.startsWith("```")) {
                flush(paragraph);
                StringBuilder code = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
                    code.append(code.length() == 0 ? "" : "\n").append(lines.get(i));
                }
                Label l = new Label(code.toString());
                l.getStyleClass().addAll("md-code-block", "mono-small");
                l.setWrapText(true);
                l.setMaxWidth(Double.MAX_VALUE);
                getChildren().add(l);
            } else if (t.isEmpty()) {
                flush(paragraph);
            } else if (t.startsWith("#")) {
                flush(paragraph);
                int level = (int) t.chars().takeWhile(c -> c == '#').count();
                TextFlow h = flow(t.substring(level).strip(), "md-h" + Math.min(level, 3));
                h.getStyleClass().add("md-heading");
                getChildren().add(h);
            } else if (t.startsWith("- ") || t.startsWith("* ") || ORDERED.matcher(t).matches()) {
                flush(paragraph);
                Matcher m = ORDERED.matcher(t);
                boolean ordered = m.matches();
                StringBuilder item = new StringBuilder(ordered ? m.group(2) : t.substring(2));
                // Continuation lines of the item are indented.
                while (i + 1 < lines.size()
                        && lines.get(i + 1).startsWith("  ")
                        && !lines.get(i + 1).isBlank()) {
                    item.append(' ').append(lines.get(++i).strip());
                }
                getChildren().add(listItem(ordered ? m.group(1) + "." : "•", item.toString()));
            } else if (t.startsWith("|")) {
                flush(paragraph);
                List<String> rows = new ArrayList<>();
                for (; i < lines.size() && lines.get(i).strip().startsWith("|"); i++) {
                    rows.add(lines.get(i).strip());
                }
                i--;
                getChildren().add(table(rows));
            } else if (IMAGE.matcher(t).matches()) {
                flush(paragraph);
                Matcher m = IMAGE.matcher(t);
                m.matches();
                getChildren().add(image(m.group(1), m.group(2)));
            } else {
                paragraph.add(t);
            }
        }
        flush(paragraph);
    }

    private void flush(List<String> paragraph) {
        if (!paragraph.isEmpty()) {
            getChildren().add(flow(String.join(" ", paragraph), "md-p"));
            paragraph.clear();
        }
    }

    private HBox listItem(String bullet, String text) {
        Label b = new Label(bullet);
        b.getStyleClass().add("md-bullet");
        b.setMinWidth(14);
        TextFlow f = flow(text, "md-p");
        HBox.setHgrow(f, Priority.ALWAYS);
        HBox row = new HBox(4, b, f);
        row.getStyleClass().add("md-list-item");
        return row;
    }

    private GridPane table(List<String> rows) {
        GridPane g = new GridPane();
        g.getStyleClass().add("md-table");
        int columns =
                rows.isEmpty() ? 1 : rows.get(0).replaceAll("^\\||\\|$", "").split("\\|").length;
        // The first column (names) takes the room; the others share the rest evenly.
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(columns == 1 ? 100 : c == 0 ? 40 : 60.0 / (columns - 1));
            g.getColumnConstraints().add(cc);
        }
        int r = 0;
        for (String row : rows) {
            if (row.matches("\\|[\\s:|-]+\\|?")) {
                continue;
            }
            String[] cells = row.replaceAll("^\\||\\|$", "").split("\\|");
            for (int c = 0; c < cells.length; c++) {
                TextFlow cell = flow(cells[c].strip(), "md-p");
                cell.getStyleClass().add(r == 0 ? "md-th" : "md-td");
                g.add(cell, c, r);
            }
            r++;
        }
        return g;
    }

    private Node image(String alt, String path) {
        try {
            Image img = new Image(new ByteArrayInputStream(files.apply(path)));
            if (img.isError()) {
                throw new IllegalArgumentException("not an image");
            }
            ImageView v = new ImageView(img);
            v.setPreserveRatio(true);
            v.fitWidthProperty().bind(widthProperty().subtract(4));
            Tooltip.install(v, new Tooltip(alt));
            return v;
        } catch (RuntimeException e) {
            Label l = new Label("[image " + path + ": " + e.getMessage() + "]");
            l.getStyleClass().add("muted");
            l.setWrapText(true);
            return l;
        }
    }

    /** Text with its inline marks as styled runs. */
    static TextFlow flow(String text, String style) {
        TextFlow f = new TextFlow();
        f.getStyleClass().add(style);
        Matcher m = INLINE.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                f.getChildren().add(run(text.substring(at, m.start()), "md-text"));
            }
            if (m.group(1) != null) {
                f.getChildren().add(run(m.group(1), "md-text", "md-bold"));
            } else if (m.group(2) != null) {
                f.getChildren().add(run(m.group(2), "md-text", "md-code"));
            } else if (m.group(3) != null) {
                Text link = run(m.group(3), "md-text", "md-link");
                Tooltip.install(link, new Tooltip(m.group(4)));
                f.getChildren().add(link);
            } else {
                f.getChildren().add(run(m.group(5), "md-text", "md-italic"));
            }
            at = m.end();
        }
        if (at < text.length()) {
            f.getChildren().add(run(text.substring(at), "md-text"));
        }
        return f;
    }

    private static Text run(String s, String... styles) {
        Text t = new Text(s);
        t.getStyleClass().addAll(styles);
        return t;
    }
}
