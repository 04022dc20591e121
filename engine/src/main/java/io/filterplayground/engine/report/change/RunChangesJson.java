package io.filterplayground.engine.report.change;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The JSON form of a comparison ({@code diff --json}): {@code identical}, {@code summary}, and each
 * changed request or connection with its changes ({@code area}, {@code where}, {@code what}, {@code
 * mark}, {@code before}, {@code after}).
 */
public final class RunChangesJson {
    private RunChangesJson() {}

    public static ObjectNode of(RunChanges changes) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("identical", changes.identical());
        root.put("summary", changes.summary());
        ArrayNode items = root.putArray("changed");
        for (ItemChanges i : changes.changed()) {
            ObjectNode o = items.addObject();
            o.put("kind", i.connection() ? "connection" : "request");
            o.put("name", i.name());
            o.put("index", i.index());
            o.put("headline", i.headline());
            ArrayNode list = o.putArray("changes");
            for (Change c : i.changes()) {
                ObjectNode co = list.addObject();
                co.put("area", c.area().name().toLowerCase(Locale.ROOT));
                co.put("where", c.where());
                co.put("what", c.what());
                co.put("mark", c.mark().name().toLowerCase(Locale.ROOT));
                co.put("before", c.before());
                co.put("after", c.after());
            }
        }
        return root;
    }
}
