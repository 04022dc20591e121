package io.filterplayground.app.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.scenario.ConnectionStep;
import io.filterplayground.engine.util.BoundedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The requests and connections sent from the window, kept across runs of the app in one small JSON
 * file, so that the History tab still has them tomorrow. A file that cannot be read is set aside
 * (renamed {@code .bad}), never overwritten, and the history starts empty.
 */
public final class HistoryStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public HistoryStore(Path file) {
        this.file = file;
    }

    /** {@code ~/.filter-playground/history.json}, or under {@code -Dfilterplayground.home}. */
    public static HistoryStore inUserHome() {
        return new HistoryStore(home().resolve("history.json"));
    }

    /** The folder the window keeps its files in: {@link KeptFiles#home()}. */
    public static Path home() {
        return KeptFiles.home();
    }

    public Path file() {
        return file;
    }

    /** The entries kept, newest first; empty when there are none or the file is unreadable. */
    public List<HistoryEntry> load() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<HistoryEntry> out = new ArrayList<>();
            // History files are untrusted: a huge one is set aside like a corrupt one.
            byte[] bytes = BoundedFiles.read(file, BoundedFiles.MAX_MODULE_BYTES);
            for (JsonNode e : JSON.readTree(bytes).withArray("sent")) {
                boolean connection = e.has("connection");
                out.add(
                        new HistoryEntry(
                                HistoryEntry.Kind.valueOf(e.path("kind").asText("SENT")),
                                e.path("name").asText("request"),
                                connection ? null : request(e.path("request")),
                                connection ? steps(e.path("connection")) : null,
                                e.path("outcome").asText("")));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            KeptFiles.setAside(file);
            return List.of();
        }
    }

    /** Writes the sent entries of {@code history}; false when the file cannot be written. */
    public boolean save(List<HistoryEntry> history) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode sent = root.putArray("sent");
        for (HistoryEntry h : history) {
            if (h.kind() == HistoryEntry.Kind.SAVED) {
                continue;
            }
            ObjectNode e = sent.addObject();
            e.put("kind", h.kind().name());
            e.put("name", h.name());
            e.put("outcome", h.outcome());
            if (h.isConnection()) {
                e.set("connection", json(h.steps()));
            } else {
                e.set("request", json(h.request()));
            }
        }
        return KeptFiles.write(file, JSON, root);
    }

    private static ObjectNode json(HttpRequest r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("method", r.method());
        o.put("scheme", r.scheme());
        o.put("authority", r.authority());
        o.put("path", r.path());
        o.set("headers", pairs(r.headers()));
        ArrayNode chunks = o.putArray("bodyChunksBase64");
        for (byte[] c : r.bodyChunks()) {
            chunks.add(Base64.getEncoder().encodeToString(c));
        }
        o.set("trailers", pairs(r.trailers()));
        return o;
    }

    /** {@code [{"sendBase64": "...", "endStream": false}, {"advanceMillis": 5}, {"close": ...}]} */
    private static ArrayNode json(List<ConnectionStep> steps) {
        ArrayNode a = JSON.createArrayNode();
        for (ConnectionStep s : steps) {
            ObjectNode o = a.addObject();
            if (s instanceof ConnectionStep.Send send) {
                o.put("sendBase64", Base64.getEncoder().encodeToString(send.data()));
                o.put("endStream", send.endStream());
            } else if (s instanceof ConnectionStep.Advance adv) {
                o.put("advanceMillis", adv.millis());
            } else if (s instanceof ConnectionStep.Close c) {
                o.put("close", c.side().name());
            }
        }
        return a;
    }

    private static List<ConnectionStep> steps(JsonNode a) {
        List<ConnectionStep> out = new ArrayList<>();
        for (JsonNode o : a) {
            if (o.has("sendBase64")) {
                out.add(
                        new ConnectionStep.Send(
                                Base64.getDecoder().decode(o.get("sendBase64").asText()),
                                o.path("endStream").asBoolean(false)));
            } else if (o.has("advanceMillis")) {
                out.add(new ConnectionStep.Advance(o.get("advanceMillis").asLong()));
            } else {
                out.add(
                        new ConnectionStep.Close(
                                ConnectionStep.Side.valueOf(o.path("close").asText())));
            }
        }
        return out;
    }

    private static ArrayNode pairs(Headers h) {
        ArrayNode a = JSON.createArrayNode();
        for (Header x : h) {
            a.addArray().add(x.name()).add(x.value());
        }
        return a;
    }

    private static HttpRequest request(JsonNode o) {
        List<byte[]> chunks = new ArrayList<>();
        for (JsonNode c : o.path("bodyChunksBase64")) {
            chunks.add(Base64.getDecoder().decode(c.asText()));
        }
        return new HttpRequest(
                o.path("method").asText("GET"),
                o.path("scheme").asText("http"),
                o.path("authority").asText("localhost"),
                o.path("path").asText("/"),
                headers(o.path("headers")),
                chunks,
                headers(o.path("trailers")));
    }

    private static Headers headers(JsonNode a) {
        List<Header> out = new ArrayList<>();
        for (JsonNode p : a) {
            out.add(new Header(p.get(0).asText(), p.get(1).asText()));
        }
        return Headers.of(out);
    }
}
