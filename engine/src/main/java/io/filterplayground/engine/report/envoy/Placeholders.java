package io.filterplayground.engine.report.envoy;

import static io.filterplayground.engine.report.envoy.ExportYaml.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.scenario.PlaceholderFilterSpec;
import io.filterplayground.engine.scenario.envoy.EnvoyTypes;
import java.util.List;

/** A placeholder goes back out as it came in: its name, its type and its configuration. */
final class Placeholders {
    private Placeholders() {}

    /**
     * Fills {@code entry} (which has the name) with the placeholder's {@code typed_config}, or its
     * raw fields when it had none; null for an Istio resource, which has no Envoy entry.
     */
    static ObjectNode entry(PlaceholderFilterSpec p, ObjectNode entry, List<String> notes) {
        if (EnvoyTypes.isIstio(p.typeUrl())) {
            notes.add(
                    p.name()
                            + ": an Istio "
                            + p.shortType()
                            + " the playground could not run ("
                            + p.reason()
                            + "); it is in the Istio export only");
            return null;
        }
        ObjectNode config = JSON.valueToTree(p.config());
        if (p.typeUrl().isEmpty()) {
            entry.setAll(config);
        } else {
            ObjectNode tc = entry.putObject("typed_config").put("@type", p.typeUrl());
            tc.setAll(config);
        }
        return entry;
    }
}
