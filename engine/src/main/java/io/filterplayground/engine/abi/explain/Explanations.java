package io.filterplayground.engine.abi.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The explanations of every callback, hostcall, status and action name, written once as data
 * ({@code explanations.yaml} beside this class) and shared by the window's tooltips and details
 * pane and the command line's {@code explain} and {@code run --explain}.
 */
public final class Explanations {
    private static final String RESOURCE = "explanations.yaml";

    private final Map<String, Explanation> byName;

    private Explanations(Map<String, Explanation> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The explanations shipped with the engine, read once. */
    public static Explanations standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final Explanations STANDARD = load();
    }

    /** The explanation of a name as a trace shows it ({@code proxy_on_tick}, {@code NotFound}). */
    public Optional<Explanation> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /** A name of one kind: {@code Continue} as an action, never a status with the same name. */
    public Optional<Explanation> find(String name, Explanation.Kind kind) {
        return find(name).filter(e -> e.kind() == kind);
    }

    public Collection<Explanation> all() {
        return byName.values();
    }

    private static Explanations load() {
        try (InputStream in = Explanations.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<String, Explanation> m = new LinkedHashMap<>();
            read(root, "callbacks", Explanation.Kind.CALLBACK, m);
            read(root, "hostcalls", Explanation.Kind.HOSTCALL, m);
            read(root, "statuses", Explanation.Kind.STATUS, m);
            read(root, "actions", Explanation.Kind.ACTION, m);
            return new Explanations(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void read(
            JsonNode root, String section, Explanation.Kind kind, Map<String, Explanation> into) {
        root.path(section)
                .fields()
                .forEachRemaining(
                        f -> {
                            JsonNode n = f.getValue();
                            Explanation old =
                                    into.put(
                                            f.getKey(),
                                            new Explanation(
                                                    f.getKey(),
                                                    kind,
                                                    n.path("what").asText(""),
                                                    n.path("when").asText(""),
                                                    n.path("result").asText(""),
                                                    n.path("mistake").asText(""),
                                                    n.path("envoy").asText("")));
                            if (old != null) {
                                throw new IllegalStateException(
                                        RESOURCE + ": " + f.getKey() + " explained twice");
                            }
                        });
    }
}
