package io.filterplayground.app.request;

import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.scenario.RequestSpec;
import io.filterplayground.engine.scenario.Step;
import io.filterplayground.engine.scenario.Variables;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * The request composer: method, authority, path, header rows, a body split into N chunks, trailers;
 * cURL in and out; the history of saved and sent requests.
 */
public final class RequestViewModel {
    private static final java.util.regex.Pattern VARIABLE =
            java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private final StringProperty name = new SimpleStringProperty("request");
    private final StringProperty method = new SimpleStringProperty("GET");
    private final StringProperty scheme = new SimpleStringProperty("http");
    private final StringProperty authority = new SimpleStringProperty("localhost");
    private final StringProperty path = new SimpleStringProperty("/");
    private final ObservableList<HeaderRow> headers = HeaderRow.observableList();
    private final StringProperty body = new SimpleStringProperty("");
    private final IntegerProperty chunks = new SimpleIntegerProperty(1);
    private final ObservableList<HeaderRow> trailers = HeaderRow.observableList();

    /** The scenario's {@code variables:}, used as {@code {{name}}} in requests. */
    private final ObservableList<HeaderRow> variables = HeaderRow.observableList();

    private final StringProperty message = new SimpleStringProperty("");
    private final History history;

    /** The scenario's steps, kept so that saving writes them back (advance steps included). */
    private final List<Step> savedSteps = new ArrayList<>();

    /** A composer with a history of its own. */
    public RequestViewModel() {
        this(new History());
    }

    /** A composer whose requests join {@code history}. */
    public RequestViewModel(History history) {
        this.history = history;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty methodProperty() {
        return method;
    }

    public StringProperty authorityProperty() {
        return authority;
    }

    public StringProperty pathProperty() {
        return path;
    }

    public ObservableList<HeaderRow> headers() {
        return headers;
    }

    public StringProperty bodyProperty() {
        return body;
    }

    public IntegerProperty chunksProperty() {
        return chunks;
    }

    public ObservableList<HeaderRow> trailers() {
        return trailers;
    }

    public ObservableList<HeaderRow> variables() {
        return variables;
    }

    public void loadVariables(Map<String, String> values) {
        variables.setAll(
                values.entrySet().stream()
                        .map(e -> new HeaderRow(true, e.getKey(), e.getValue()))
                        .toList());
    }

    /** The enabled variables by name; throws with one line when a name is not one. */
    public Map<String, String> variablesMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (HeaderRow r : variables) {
            String n = r.nameProperty().get() == null ? "" : r.nameProperty().get().trim();
            String v = r.valueProperty().get() == null ? "" : r.valueProperty().get();
            if (!r.enabledProperty().get() || (n.isEmpty() && v.isEmpty())) {
                continue;
            }
            if (!VARIABLE.matcher(n).matches()) {
                throw new IllegalArgumentException(
                        "Variables: '" + n + "' is not a name (letters, digits, _ . -)");
            }
            out.put(n, v);
        }
        return out;
    }

    /** What the last cURL paste or validation said, or "". */
    public StringProperty messageProperty() {
        return message;
    }

    public ObservableList<HistoryEntry> history() {
        return history.entries();
    }

    /** See {@link History#useStore}. */
    public void useStore(HistoryStore s) {
        history.useStore(s);
    }

    /** Fills the composer from the scenario: its steps become the saved history entries. */
    public void loadScenarioSteps(List<Step> steps) {
        savedSteps.clear();
        savedSteps.addAll(steps);
        // The scenario's requests replace the saved entries; what was sent stays below them.
        List<HistoryEntry> saved = new ArrayList<>();
        for (Step s : steps) {
            if (s instanceof Step.Send send) {
                RequestSpec r = send.request();
                saved.add(new HistoryEntry(HistoryEntry.Kind.SAVED, r.name(), r.request(), ""));
            }
        }
        history.replaceSaved(false, saved);
        steps.stream()
                .filter(s -> s instanceof Step.Send)
                .findFirst()
                .ifPresentOrElse(
                        s ->
                                load(
                                        ((Step.Send) s).request().name(),
                                        ((Step.Send) s).request().request()),
                        () -> load("request", HttpRequest.get("/")));
    }

    public List<Step> savedSteps() {
        return List.copyOf(savedSteps);
    }

    /** Adds the composer's request to the scenario's saved requests. */
    public void keepCurrent() {
        HttpRequest r = toRequest();
        String n = uniqueName(name.get());
        savedSteps.add(new Step.Send(RequestSpec.of(n, r)));
        history.addSaved(new HistoryEntry(HistoryEntry.Kind.SAVED, n, r, ""));
        message.set("Kept as '" + n + "': Save writes it into the scenario file.");
    }

    private String uniqueName(String base) {
        List<String> taken = new ArrayList<>();
        for (Step s : savedSteps) {
            if (s instanceof Step.Send send) {
                taken.add(send.request().name());
            }
        }
        return unique(base, "request", taken);
    }

    /** {@code base} (or {@code fallback} when blank), with {@code -2}, {@code -3}... if taken. */
    static String unique(String base, String fallback, List<String> taken) {
        String b = base == null || base.isBlank() ? fallback : base.strip();
        String n = b;
        for (int i = 2; taken.contains(n); i++) {
            n = b + "-" + i;
        }
        return n;
    }

    /** Puts a request into the composer. */
    public void load(String requestName, HttpRequest r) {
        name.set(requestName);
        method.set(r.method());
        scheme.set(r.scheme());
        authority.set(r.authority());
        path.set(r.path());
        headers.setAll(HeaderRow.rows(r.headers()));
        trailers.setAll(HeaderRow.rows(r.trailers()));
        chunks.set(Math.max(1, r.bodyChunks().size()));
        body.set(new String(r.body(), StandardCharsets.UTF_8));
        message.set("");
    }

    /** The request to send; throws IllegalArgumentException with a plain message. */
    public HttpRequest toRequest() {
        String m =
                method.get() == null ? "" : method.get().trim().toUpperCase(java.util.Locale.ROOT);
        if (!m.matches("[A-Z]+")) {
            throw new IllegalArgumentException(
                    "Method: '" + method.get() + "' is not an HTTP method");
        }
        String p = path.get() == null ? "" : path.get().trim();
        if (!p.startsWith("/") && !p.equals("*")) {
            throw new IllegalArgumentException("Path: must start with '/' (got '" + p + "')");
        }
        String a = authority.get() == null ? "" : authority.get().trim();
        if (a.isEmpty()) {
            throw new IllegalArgumentException("Authority: give a host, e.g. example.com");
        }
        return new HttpRequest(
                m,
                scheme.get(),
                a,
                p,
                HeaderRow.headers(headers, "Headers"),
                split(body.get(), chunks.get()),
                HeaderRow.headers(trailers, "Trailers"));
    }

    /** Splits the body into {@code n} nearly equal chunks (by characters, so UTF-8 stays whole). */
    static List<byte[]> split(String text, int n) {
        List<byte[]> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        int parts = Math.max(1, Math.min(n, text.length()));
        int size = text.length() / parts;
        int extra = text.length() % parts;
        int at = 0;
        for (int i = 0; i < parts; i++) {
            int len = size + (i < extra ? 1 : 0);
            out.add(text.substring(at, at + len).getBytes(StandardCharsets.UTF_8));
            at += len;
        }
        return out;
    }

    /** Fills the composer from a cURL command; false (and a message) when it cannot be read. */
    public boolean pasteCurl(String command) {
        try {
            Curl.Parsed p = Curl.parse(command == null ? "" : command);
            load(name.get(), p.request());
            message.set(
                    "Filled in from cURL"
                            + (p.ignored().isEmpty()
                                    ? "."
                                    : " (ignored " + String.join(" ", p.ignored()) + ")."));
            return true;
        } catch (IllegalArgumentException e) {
            message.set("Could not read the cURL command: " + e.getMessage());
            return false;
        }
    }

    public String copyAsCurl() {
        // A shell knows nothing of {{name}}: the command carries the values.
        return Curl.format(new Variables(variablesMap(), 42).expand(toRequest(), 0, 0));
    }

    /** Adds a sent request (or a burst) to the history, newest first after the saved ones. */
    public void recordSent(
            HistoryEntry.Kind kind, String requestName, HttpRequest r, String outcome) {
        if (!history.recordSent(new HistoryEntry(kind, requestName, r, outcome))) {
            message.set("The history could not be written to " + history.store().file() + ".");
        }
    }
}
