package io.filterplayground.app.debug;

import io.filterplayground.engine.trace.StageEvent.Stage;
import java.util.Arrays;
import java.util.List;

/**
 * Where a filter's breakpoint is: nowhere, before each of its stages, or before one (an HTTP stage,
 * or a network filter's downstream or upstream data).
 */
public enum BreakAt {
    NONE(null, "none"),
    EVERY_STAGE(null, "every stage"),
    REQUEST_HEADERS(Stage.REQUEST_HEADERS),
    REQUEST_BODY(Stage.REQUEST_BODY),
    REQUEST_TRAILERS(Stage.REQUEST_TRAILERS),
    RESPONSE_HEADERS(Stage.RESPONSE_HEADERS),
    RESPONSE_BODY(Stage.RESPONSE_BODY),
    RESPONSE_TRAILERS(Stage.RESPONSE_TRAILERS),
    DOWNSTREAM_DATA(Stage.DOWNSTREAM_DATA),
    UPSTREAM_DATA(Stage.UPSTREAM_DATA);

    private final Stage stage;
    private final String label;

    BreakAt(Stage stage) {
        this(stage, stage.wireName());
    }

    BreakAt(Stage stage, String label) {
        this.stage = stage;
        this.label = label;
    }

    /** What a filter of an HTTP chain, or of a network (TCP) chain, can stop at. */
    public static List<BreakAt> choices(boolean network) {
        return Arrays.stream(values())
                .filter(b -> b.stage == null || b.stage.isNetwork() == network)
                .toList();
    }

    /** The one stage it stops at; null for none or every stage. */
    public Stage stage() {
        return stage;
    }

    public String label() {
        return label;
    }
}
