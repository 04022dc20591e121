package io.filterplayground.app.timeline;

/** The colour family of a timeline entry; the view maps each to a CSS class. */
public enum Tone {
    CONTINUE,
    PAUSE,
    LOCAL_REPLY,
    TRAP,
    NEUTRAL,
    INFO,
    WARNING;

    public String styleClass() {
        return "tone-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
