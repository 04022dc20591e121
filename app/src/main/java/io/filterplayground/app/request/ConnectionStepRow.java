package io.filterplayground.app.request;

import io.filterplayground.app.editor.Bytes;
import io.filterplayground.engine.scenario.ConnectionStep;
import io.filterplayground.engine.scenario.Durations;
import java.util.OptionalLong;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One step of the connection composer, as edited: a chunk the client sends (text with {@code \r \n
 * \t \xHH} escapes, or hex, and whether it ends the client's stream), an advance of the virtual
 * clock, or a close by the client or the upstream. {@link #toStep()} is the scenario's step.
 */
public final class ConnectionStepRow {
    /** What a step does. */
    public enum Kind {
        SEND,
        ADVANCE,
        CLOSE
    }

    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(Kind.SEND);
    private final StringProperty data = new SimpleStringProperty("");
    private final BooleanProperty hex = new SimpleBooleanProperty(false);
    private final BooleanProperty endStream = new SimpleBooleanProperty(false);
    private final StringProperty duration = new SimpleStringProperty("100ms");
    private final ObjectProperty<ConnectionStep.Side> side =
            new SimpleObjectProperty<>(ConnectionStep.Side.DOWNSTREAM);

    public ConnectionStepRow(Kind kind) {
        this.kind.set(kind);
        // The chunk keeps its bytes when it is shown the other way.
        hex.addListener((o, was, now) -> convert(was));
    }

    /** A chunk of text (escapes allowed). */
    public static ConnectionStepRow send(String text) {
        ConnectionStepRow r = new ConnectionStepRow(Kind.SEND);
        r.data.set(text);
        return r;
    }

    /** The editable form of a scenario step; bytes that are not text are shown as hex. */
    public static ConnectionStepRow of(ConnectionStep step) {
        if (step instanceof ConnectionStep.Send s) {
            ConnectionStepRow r = new ConnectionStepRow(Kind.SEND);
            boolean text = Bytes.isText(s.data());
            r.hex.set(!text); // before the data, which is already in its form
            r.data.set(text ? Bytes.escape(s.data()) : Bytes.hex(s.data()).replace('\n', ' '));
            r.endStream.set(s.endStream());
            return r;
        }
        if (step instanceof ConnectionStep.Advance a) {
            ConnectionStepRow r = new ConnectionStepRow(Kind.ADVANCE);
            r.duration.set(Durations.text(a.millis()));
            return r;
        }
        ConnectionStepRow r = new ConnectionStepRow(Kind.CLOSE);
        r.side.set(((ConnectionStep.Close) step).side());
        return r;
    }

    private void convert(boolean wasHex) {
        try {
            byte[] b = wasHex ? Bytes.parseHex(data.get()) : Bytes.unescape(data.get());
            data.set(wasHex ? Bytes.escape(b) : Bytes.hex(b).replace('\n', ' '));
        } catch (IllegalArgumentException e) {
            // Left as typed: the send names the problem.
        }
    }

    /** The step; throws IllegalArgumentException saying what is wrong with it. */
    public ConnectionStep toStep() {
        return switch (kind.get()) {
            case SEND ->
                    new ConnectionStep.Send(
                            hex.get() ? Bytes.parseHex(data.get()) : Bytes.unescape(data.get()),
                            endStream.get());
            case ADVANCE -> {
                OptionalLong ms = Durations.millis(duration.get());
                if (ms.isEmpty()) {
                    throw new IllegalArgumentException(
                            "'" + duration.get() + "' is not a duration (e.g. 250ms, 1s)");
                }
                yield new ConnectionStep.Advance(ms.getAsLong());
            }
            case CLOSE -> new ConnectionStep.Close(side.get());
        };
    }

    /** Every editable field, for listeners that react to any edit. */
    Observable[] observables() {
        return new Observable[] {kind, data, hex, endStream, duration, side};
    }

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    /** The chunk: escaped text, or hex pairs when {@link #hexProperty()} is set. */
    public StringProperty dataProperty() {
        return data;
    }

    public BooleanProperty hexProperty() {
        return hex;
    }

    /** The chunk half-closes the client's side. */
    public BooleanProperty endStreamProperty() {
        return endStream;
    }

    public StringProperty durationProperty() {
        return duration;
    }

    public ObjectProperty<ConnectionStep.Side> sideProperty() {
        return side;
    }
}
