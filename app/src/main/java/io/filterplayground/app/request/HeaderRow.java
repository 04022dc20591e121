package io.filterplayground.app.request;

import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Callback;

/** An editable header row: a disabled row stays in the table but is not sent. */
public final class HeaderRow {
    private static final java.util.regex.Pattern TOKEN =
            java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final BooleanProperty enabled = new SimpleBooleanProperty(true);
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty value = new SimpleStringProperty("");

    public HeaderRow(boolean enabled, String name, String value) {
        this.enabled.set(enabled);
        this.name.set(name);
        this.value.set(value);
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty valueProperty() {
        return value;
    }

    /** A list whose change events also fire when a row's fields change. */
    public static ObservableList<HeaderRow> observableList() {
        Callback<HeaderRow, Observable[]> extractor =
                r -> new Observable[] {r.enabled, r.name, r.value};
        return FXCollections.observableArrayList(extractor);
    }

    public static List<HeaderRow> rows(Headers headers) {
        List<HeaderRow> out = new ArrayList<>();
        for (Header h : headers) {
            out.add(new HeaderRow(true, h.name(), h.value()));
        }
        return out;
    }

    /**
     * The enabled, named rows as headers; throws with a plain message for a name that is not an
     * HTTP token or a value with a line break.
     */
    public static Headers headers(List<HeaderRow> rows, String what) {
        List<Header> out = new ArrayList<>();
        for (HeaderRow r : rows) {
            String n = r.name.get() == null ? "" : r.name.get().trim();
            String v = r.value.get() == null ? "" : r.value.get();
            if (!r.enabled.get() || (n.isEmpty() && v.isEmpty())) {
                continue;
            }
            if (n.isEmpty() || !TOKEN.matcher(n).matches()) {
                throw new IllegalArgumentException(
                        what + ": '" + n + "' is not a valid header name");
            }
            if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(
                        what + ": the value of " + n + " contains a line break");
            }
            out.add(new Header(n, v));
        }
        return Headers.of(out);
    }
}
