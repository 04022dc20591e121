package io.filterplayground.engine.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.abi.Limits;
import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.error.OneLine;
import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.upstream.GrpcReply;
import io.filterplayground.engine.upstream.MockSpec;
import io.filterplayground.engine.wasm.LoadedModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario file (YAML or JSON, cli-contract.md) and validates every field. A problem is one
 * {@link ScenarioException} whose message names the file, the field path and what is wrong, e.g.
 * {@code demo.yaml: filters[1].failurePolicy: unknown failure policy 'x' (...)}.
 */
public final class ScenarioLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DURATION =
            Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|us|ns)?\\s*");
    private static final int MAX_WORKERS = 64;

    private final String source;
    private final ResourceResolver resolver;

    private ScenarioLoader(String source, ResourceResolver resolver) {
        this.source = source;
        this.resolver = resolver;
    }

    /** Loads a scenario file; module and Lua paths are relative to it. */
    public static Scenario load(Path file) {
        return load(file, Map.of());
    }

    /** As {@link #load(Path)}, with extra reference schemes (e.g. {@code sample:}). */
    public static Scenario load(Path file, Map<String, ResourceResolver> schemes) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String text;
        try {
            byte[] bytes = BoundedFiles.read(file, BoundedFiles.MAX_SCENARIO_BYTES);
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .decode(java.nio.ByteBuffer.wrap(bytes))
                            .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ScenarioException(file + ": the file is not UTF-8 text");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read the file (" + e.getMessage() + ")");
        }
        Path dir = file.toAbsolutePath().getParent();
        ResourceResolver files = Resolvers.files(dir == null ? Path.of(".") : dir);
        return parse(text, name, Resolvers.withSchemes(files, schemes));
    }

    /** Parses scenario text; {@code source} names it in messages. */
    public static Scenario parse(String text, String source, ResourceResolver resolver) {
        return new ScenarioLoader(source, resolver).read(text);
    }

    private Scenario read(String text) {
        JsonNode root;
        try {
            root = UntrustedDocuments.readTree(text);
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null
                            ? ""
                            : " (line "
                                    + e.getLocation().getLineNr()
                                    + ", column "
                                    + e.getLocation().getColumnNr()
                                    + ")";
            throw new ScenarioException(
                    source
                            + ": not valid YAML or JSON"
                            + where
                            + ": "
                            + oneLine(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ScenarioException(source + ": the file is empty");
        }
        if (!root.isObject()) {
            throw new ScenarioException(source + ": the top level must be a map of fields");
        }
        allow(
                root,
                "",
                "workers",
                "clock",
                "logLevel",
                "seed",
                "canary",
                "callbackTimeout",
                "maxMemoryPages",
                "bufferLimit",
                "clusters",
                "route",
                "properties",
                "variables",
                "filters",
                "services",
                "requests",
                "steps",
                "name",
                "description");
        int workers = intField(root, "workers", 1, 1, MAX_WORKERS);
        Scenario.ClockMode clock = clock(root.get("clock"));
        LogLevel logLevel = LogLevel.INFO;
        if (root.hasNonNull("logLevel")) {
            try {
                logLevel = LogLevel.parse(root.get("logLevel").asText());
            } catch (IllegalArgumentException e) {
                throw err("logLevel", e.getMessage());
            }
        }
        long seed = root.hasNonNull("seed") ? longValue(root.get("seed"), "seed") : 42;
        boolean canary = !root.hasNonNull("canary") || bool(root.get("canary"), "canary");
        long timeout =
                root.hasNonNull("callbackTimeout")
                        ? duration(root.get("callbackTimeout"), "callbackTimeout")
                        : Limits.DEFAULT_CALLBACK_TIMEOUT_MILLIS;
        int maxPages = intField(root, "maxMemoryPages", Limits.DEFAULT_MAX_MEMORY_PAGES, 1, 65536);
        int bufferLimit =
                intField(
                        root,
                        "bufferLimit",
                        Limits.DEFAULT_BUFFER_LIMIT_BYTES,
                        1,
                        Integer.MAX_VALUE);
        Map<String, ClusterSpec> clusters = clusters(root.get("clusters"));
        String route = root.hasNonNull("route") ? text(root.get("route"), "route") : null;
        if (route == null) {
            route = clusters.isEmpty() ? "backend" : clusters.keySet().iterator().next();
        }
        if (!clusters.containsKey(route)) {
            if (root.hasNonNull("route") || !clusters.isEmpty()) {
                throw err(
                        "route",
                        "no cluster named '" + route + "' (clusters: " + clusters.keySet() + ")");
            }
            clusters = new LinkedHashMap<>(clusters);
            clusters.put(route, defaultBackend(route));
        }
        Map<String, Object> properties = properties(root.get("properties"));
        List<FilterSpec> filters = filters(root.get("filters"));
        List<ServiceSpec> services = services(root.get("services"));
        List<Step> steps = steps(root);
        Map<String, String> variables = stringMap(root.get("variables"), "variables");
        Variables expander = new Variables(variables, seed);
        int n = 0;
        for (Step st : steps) {
            if (st instanceof Step.Send send) {
                List<String> undefined = expander.undefined(send.request().request());
                if (!undefined.isEmpty()) {
                    throw err(
                            "requests[" + n + "]",
                            "{{"
                                    + undefined.get(0)
                                    + "}} is not defined (variables: "
                                    + variables.keySet()
                                    + "; built in: $i, $uuid)");
                }
                n++;
            }
        }
        return new Scenario(
                source,
                workers,
                clock,
                logLevel,
                seed,
                canary,
                timeout,
                maxPages,
                bufferLimit,
                orderedCopy(clusters),
                route,
                properties,
                filters,
                services,
                steps,
                variables);
    }

    /** Parser messages span several lines with excerpts; keep the sentences, in one line. */
    static String oneLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        StringBuilder sb = new StringBuilder();
        for (String line : message.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty()
                    || t.equals("^")
                    || line.startsWith(" ")
                    || t.startsWith("in 'reader'")) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : "; ").append(t);
        }
        return sb.length() == 0 ? message.strip() : sb.toString();
    }

    private static <K, V> Map<K, V> orderedCopy(Map<K, V> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    private static ClusterSpec defaultBackend(String name) {
        return new ClusterSpec(
                name,
                new MockSpec(
                        200,
                        Headers.of("content-type", "text/plain"),
                        List.of("hello from the mock upstream\n".getBytes(StandardCharsets.UTF_8)),
                        Headers.empty(),
                        false,
                        0,
                        null),
                null);
    }

    // ---- sections ------------------------------------------------------------------------

    private Scenario.ClockMode clock(JsonNode n) {
        if (n == null || n.isNull()) {
            return Scenario.ClockMode.REAL;
        }
        return switch (n.asText().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "real" -> Scenario.ClockMode.REAL;
            case "virtual" -> Scenario.ClockMode.VIRTUAL;
            default -> throw err("clock", "unknown clock '" + n.asText() + "' (real or virtual)");
        };
    }

    private Map<String, ClusterSpec> clusters(JsonNode n) {
        Map<String, ClusterSpec> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw err("clusters", "must be a map of cluster name to cluster");
        }
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            String at = "clusters." + e.getKey();
            JsonNode c = e.getValue();
            if (c == null || !c.isObject()) {
                throw err(at, "must be a map with mock: or url:");
            }
            allow(c, at, "mock", "url");
            if (c.hasNonNull("mock") == c.hasNonNull("url")) {
                throw err(at, "give exactly one of mock: or url:");
            }
            if (c.hasNonNull("url")) {
                String url = text(c.get("url"), at + ".url");
                if (okhttp3.HttpUrl.parse(url) == null) {
                    throw err(at + ".url", "not an http(s) URL: '" + url + "'");
                }
                out.put(e.getKey(), new ClusterSpec(e.getKey(), null, url));
            } else {
                out.put(
                        e.getKey(),
                        new ClusterSpec(e.getKey(), mock(c.get("mock"), at + ".mock"), null));
            }
        }
        return out;
    }

    private MockSpec mock(JsonNode m, String at) {
        if (!m.isObject()) {
            throw err(at, "must be a map (status, headers, body, echo, delay, grpc)");
        }
        allow(
                m,
                at,
                "status",
                "headers",
                "body",
                "bodyBase64",
                "bodyChunks",
                "trailers",
                "echo",
                "delay",
                "grpc");
        int status =
                m.hasNonNull("status") ? intValue(m.get("status"), at + ".status", 100, 599) : 200;
        Headers headers = headers(m.get("headers"), at + ".headers");
        List<byte[]> body = body(m, at);
        Headers trailers = headers(m.get("trailers"), at + ".trailers");
        boolean echo = m.hasNonNull("echo") && bool(m.get("echo"), at + ".echo");
        long delay = m.hasNonNull("delay") ? duration(m.get("delay"), at + ".delay") : 0;
        GrpcReply grpc = null;
        if (m.hasNonNull("grpc")) {
            JsonNode g = m.get("grpc");
            String gat = at + ".grpc";
            allow(
                    g,
                    gat,
                    "status",
                    "message",
                    "response",
                    "responseBase64",
                    "initialMetadata",
                    "trailingMetadata");
            byte[] response =
                    g.hasNonNull("responseBase64")
                            ? base64(g.get("responseBase64"), gat + ".responseBase64")
                            : g.hasNonNull("response")
                                    ? text(g.get("response"), gat + ".response")
                                            .getBytes(StandardCharsets.UTF_8)
                                    : new byte[0];
            grpc =
                    new GrpcReply(
                            g.hasNonNull("status")
                                    ? intValue(g.get("status"), gat + ".status", 0, 16)
                                    : 0,
                            g.hasNonNull("message") ? text(g.get("message"), gat + ".message") : "",
                            headers(g.get("initialMetadata"), gat + ".initialMetadata"),
                            response,
                            headers(g.get("trailingMetadata"), gat + ".trailingMetadata"));
        }
        return new MockSpec(status, headers, body, trailers, echo, delay, grpc);
    }

    private List<byte[]> body(JsonNode m, String at) {
        int given =
                (m.hasNonNull("body") ? 1 : 0)
                        + (m.hasNonNull("bodyChunks") ? 1 : 0)
                        + (m.hasNonNull("bodyBase64") ? 1 : 0);
        if (given > 1) {
            throw err(at, "give only one of body, bodyChunks, bodyBase64");
        }
        List<byte[]> out = new ArrayList<>();
        if (m.hasNonNull("body")) {
            byte[] b = scalarText(m.get("body"), at + ".body").getBytes(StandardCharsets.UTF_8);
            if (b.length > 0) {
                out.add(b);
            }
        } else if (m.hasNonNull("bodyBase64")) {
            byte[] b = base64(m.get("bodyBase64"), at + ".bodyBase64");
            if (b.length > 0) {
                out.add(b);
            }
        } else if (m.hasNonNull("bodyChunks")) {
            JsonNode c = m.get("bodyChunks");
            if (!c.isArray()) {
                throw err(at + ".bodyChunks", "must be a list of strings");
            }
            for (int i = 0; i < c.size(); i++) {
                out.add(
                        scalarText(c.get(i), at + ".bodyChunks[" + i + "]")
                                .getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private List<FilterSpec> filters(JsonNode n) {
        List<FilterSpec> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw err("filters", "must be a list of filters");
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < n.size(); i++) {
            String at = "filters[" + i + "]";
            JsonNode f = n.get(i);
            if (f == null || !f.isObject()) {
                throw err(at, "must be a map with wasm:, lua:, luaFile: or native:");
            }
            allow(
                    f,
                    at,
                    "name",
                    "wasm",
                    "sha256",
                    "rootId",
                    "vmId",
                    "configuration",
                    "vmConfiguration",
                    "failurePolicy",
                    "reloadBackoff",
                    "allowOnHeadersStopIteration",
                    "environment",
                    "inject",
                    "enabled",
                    "lua",
                    "luaFile",
                    "native",
                    "config");
            int kinds =
                    (f.hasNonNull("wasm") ? 1 : 0)
                            + (f.hasNonNull("lua") || f.hasNonNull("luaFile") ? 1 : 0)
                            + (f.hasNonNull("native") ? 1 : 0);
            if (kinds != 1) {
                throw err(at, "give exactly one of wasm:, lua: / luaFile:, native:");
            }
            if (f.hasNonNull("sha256") && !f.hasNonNull("wasm")) {
                throw err(at + ".sha256", "only a wasm: module has a digest to check");
            }
            if (f.hasNonNull("inject") && !f.hasNonNull("wasm")) {
                throw err(at + ".inject", "faults are injected into wasm: filters only");
            }
            boolean enabled = !f.hasNonNull("enabled") || bool(f.get("enabled"), at + ".enabled");
            FilterSpec spec;
            if (f.hasNonNull("wasm")) {
                ModuleSource module = module(f, at);
                String name =
                        f.hasNonNull("name")
                                ? text(f.get("name"), at + ".name")
                                : stripExt(module.name());
                FailurePolicy policy = FailurePolicy.FAIL_CLOSED;
                if (f.hasNonNull("failurePolicy")) {
                    try {
                        policy = FailurePolicy.parse(f.get("failurePolicy").asText());
                    } catch (IllegalArgumentException e) {
                        throw err(at + ".failurePolicy", e.getMessage());
                    }
                }
                spec =
                        new FilterSpec(
                                name,
                                FilterSpec.Kind.WASM,
                                enabled,
                                module,
                                f.hasNonNull("rootId")
                                        ? scalarText(f.get("rootId"), at + ".rootId")
                                        : "",
                                f.hasNonNull("vmId") ? scalarText(f.get("vmId"), at + ".vmId") : "",
                                configuration(f.get("configuration"), at + ".configuration"),
                                configuration(f.get("vmConfiguration"), at + ".vmConfiguration"),
                                policy,
                                f.hasNonNull("reloadBackoff")
                                        ? duration(f.get("reloadBackoff"), at + ".reloadBackoff")
                                        : 1000,
                                f.hasNonNull("allowOnHeadersStopIteration")
                                        && bool(
                                                f.get("allowOnHeadersStopIteration"),
                                                at + ".allowOnHeadersStopIteration"),
                                stringMap(f.get("environment"), at + ".environment"),
                                null,
                                null,
                                null,
                                Map.of(),
                                f.hasNonNull("inject")
                                        ? fault(f.get("inject"), at + ".inject")
                                        : null);
            } else if (f.hasNonNull("native")) {
                String kind = text(f.get("native"), at + ".native");
                String name = f.hasNonNull("name") ? text(f.get("name"), at + ".name") : kind;
                Map<String, Object> config =
                        f.hasNonNull("config")
                                ? objectMap(f.get("config"), at + ".config")
                                : Map.of();
                spec = FilterSpec.nativeFilter(name, kind, config).withEnabled(enabled);
            } else {
                String script;
                String file = null;
                if (f.hasNonNull("lua") && f.hasNonNull("luaFile")) {
                    throw err(at, "give lua: or luaFile:, not both");
                }
                if (f.hasNonNull("luaFile")) {
                    file = text(f.get("luaFile"), at + ".luaFile");
                    script = new String(read(file, at + ".luaFile"), StandardCharsets.UTF_8);
                } else {
                    script = text(f.get("lua"), at + ".lua");
                }
                String name = f.hasNonNull("name") ? text(f.get("name"), at + ".name") : "lua";
                // A Lua filter's config: holds its route metadata (handle:metadata()).
                Map<String, Object> luaConfig =
                        f.hasNonNull("config")
                                ? objectMap(f.get("config"), at + ".config")
                                : Map.of();
                spec = FilterSpec.lua(name, script, file, luaConfig).withEnabled(enabled);
            }
            if (!names.add(spec.name())) {
                throw err(
                        at + ".name",
                        "another filter is already named '"
                                + spec.name()
                                + "' (names must be unique)");
            }
            out.add(spec);
        }
        return List.copyOf(out);
    }

    private List<ServiceSpec> services(JsonNode n) {
        List<ServiceSpec> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw err("services", "must be a list of services");
        }
        for (int i = 0; i < n.size(); i++) {
            String at = "services[" + i + "]";
            JsonNode s = n.get(i);
            if (s == null || !s.isObject()) {
                throw err(at, "must be a map with wasm:");
            }
            allow(
                    s,
                    at,
                    "name",
                    "wasm",
                    "sha256",
                    "rootId",
                    "vmId",
                    "configuration",
                    "vmConfiguration",
                    "singleton",
                    "environment");
            if (!s.hasNonNull("wasm")) {
                throw err(at + ".wasm", "a service needs a module");
            }
            ModuleSource module = module(s, at);
            out.add(
                    new ServiceSpec(
                            s.hasNonNull("name")
                                    ? text(s.get("name"), at + ".name")
                                    : stripExt(module.name()),
                            module,
                            s.hasNonNull("rootId")
                                    ? scalarText(s.get("rootId"), at + ".rootId")
                                    : "",
                            s.hasNonNull("vmId") ? scalarText(s.get("vmId"), at + ".vmId") : "",
                            configuration(s.get("configuration"), at + ".configuration"),
                            configuration(s.get("vmConfiguration"), at + ".vmConfiguration"),
                            !s.hasNonNull("singleton")
                                    || bool(s.get("singleton"), at + ".singleton"),
                            stringMap(s.get("environment"), at + ".environment")));
        }
        return List.copyOf(out);
    }

    private List<Step> steps(JsonNode root) {
        JsonNode requests = root.get("requests");
        JsonNode steps = root.get("steps");
        if (requests != null && !requests.isNull() && steps != null && !steps.isNull()) {
            throw err("steps", "give requests: or steps:, not both");
        }
        List<Step> out = new ArrayList<>();
        if (steps != null && !steps.isNull()) {
            if (!steps.isArray()) {
                throw err(
                        "steps",
                        "must be a list of '- request: {...}' and '- advance: 5s' entries");
            }
            for (int i = 0; i < steps.size(); i++) {
                String at = "steps[" + i + "]";
                JsonNode s = steps.get(i);
                if (s == null || !s.isObject() || s.size() != 1) {
                    throw err(at, "must be '- request: {...}' or '- advance: 5s'");
                }
                if (s.has("advance")) {
                    out.add(new Step.Advance(duration(s.get("advance"), at + ".advance")));
                } else if (s.has("request")) {
                    out.add(new Step.Send(request(s.get("request"), at + ".request", out.size())));
                } else {
                    throw err(
                            at,
                            "unknown step '" + s.fieldNames().next() + "' (request or advance)");
                }
            }
        } else if (requests != null && !requests.isNull()) {
            if (!requests.isArray()) {
                throw err("requests", "must be a list of requests");
            }
            for (int i = 0; i < requests.size(); i++) {
                out.add(new Step.Send(request(requests.get(i), "requests[" + i + "]", i)));
            }
        }
        return List.copyOf(out);
    }

    private RequestSpec request(JsonNode r, String at, int index) {
        if (r == null || !r.isObject()) {
            throw err(at, "must be a map (method, path, headers, body...)");
        }
        allow(
                r,
                at,
                "name",
                "method",
                "path",
                "authority",
                "scheme",
                "headers",
                "body",
                "bodyChunks",
                "bodyBase64",
                "trailers",
                "repeat",
                "worker",
                "advanceTime",
                "expect");
        String method =
                r.hasNonNull("method")
                        ? text(r.get("method"), at + ".method").toUpperCase(java.util.Locale.ROOT)
                        : "GET";
        if (!method.matches("[A-Z]+")) {
            throw err(at + ".method", "not an HTTP method: '" + method + "'");
        }
        String path = r.hasNonNull("path") ? text(r.get("path"), at + ".path") : "/";
        if (!path.startsWith("/") && !path.equals("*")) {
            throw err(at + ".path", "must start with '/': '" + path + "'");
        }
        HttpRequest req =
                new HttpRequest(
                        method,
                        r.hasNonNull("scheme") ? text(r.get("scheme"), at + ".scheme") : "http",
                        r.hasNonNull("authority")
                                ? text(r.get("authority"), at + ".authority")
                                : "localhost",
                        path,
                        headers(r.get("headers"), at + ".headers"),
                        body(r, at),
                        headers(r.get("trailers"), at + ".trailers"));
        String name =
                r.hasNonNull("name") ? text(r.get("name"), at + ".name") : "request-" + (index + 1);
        int repeat =
                r.hasNonNull("repeat")
                        ? intValue(r.get("repeat"), at + ".repeat", 1, 1_000_000)
                        : 1;
        Integer worker =
                r.hasNonNull("worker")
                        ? intValue(r.get("worker"), at + ".worker", 0, MAX_WORKERS - 1)
                        : null;
        long advance =
                r.hasNonNull("advanceTime")
                        ? duration(r.get("advanceTime"), at + ".advanceTime")
                        : 0;
        Expectation expect =
                r.hasNonNull("expect") ? expectation(r.get("expect"), at + ".expect") : null;
        return new RequestSpec(name, req, repeat, worker, advance, expect);
    }

    private Expectation expectation(JsonNode e, String at) {
        if (!e.isObject()) {
            throw err(at, "must be a map (status, responseHeaders, ...)");
        }
        allow(
                e,
                at,
                "status",
                "responseHeaders",
                "absentResponseHeaders",
                "upstreamHeaders",
                "absentUpstreamHeaders",
                "bodyContains",
                "body",
                "logContains",
                "localReply",
                "upstreamReached");
        return new Expectation(
                e.hasNonNull("status") ? intValue(e.get("status"), at + ".status", 0, 999) : null,
                e.hasNonNull("responseHeaders")
                        ? stringMap(e.get("responseHeaders"), at + ".responseHeaders")
                        : null,
                e.hasNonNull("absentResponseHeaders")
                        ? stringList(e.get("absentResponseHeaders"), at + ".absentResponseHeaders")
                        : null,
                e.hasNonNull("upstreamHeaders")
                        ? stringMap(e.get("upstreamHeaders"), at + ".upstreamHeaders")
                        : null,
                e.hasNonNull("absentUpstreamHeaders")
                        ? stringList(e.get("absentUpstreamHeaders"), at + ".absentUpstreamHeaders")
                        : null,
                e.hasNonNull("bodyContains")
                        ? scalarText(e.get("bodyContains"), at + ".bodyContains")
                        : null,
                e.hasNonNull("body") ? scalarText(e.get("body"), at + ".body") : null,
                e.hasNonNull("logContains")
                        ? stringList(e.get("logContains"), at + ".logContains")
                        : null,
                e.hasNonNull("localReply") ? bool(e.get("localReply"), at + ".localReply") : null,
                e.hasNonNull("upstreamReached")
                        ? bool(e.get("upstreamReached"), at + ".upstreamReached")
                        : null);
    }

    // ---- values ---------------------------------------------------------------------------

    /**
     * The module of a filter or service ({@code at} names it): {@code wasm:} a path, a scheme
     * reference or an {@code http(s)://} URL; {@code sha256:} the digest it must have, required for
     * a URL as Envoy requires it for a remote source.
     */
    private ModuleSource module(JsonNode owner, String at) {
        String ref = text(owner.get("wasm"), at + ".wasm");
        String pinned = null;
        if (owner.hasNonNull("sha256")) {
            pinned = text(owner.get("sha256"), at + ".sha256").trim().toLowerCase(Locale.ROOT);
            if (!pinned.matches("[0-9a-f]{64}")) {
                throw err(at + ".sha256", "must be 64 hex digits (a SHA-256 digest)");
            }
        }
        boolean remote = RemoteModules.isRemote(ref);
        byte[] bytes;
        if (remote) {
            try {
                bytes = RemoteModules.fetch(ref, pinned);
            } catch (IOException e) {
                throw err(at + ".wasm", "cannot fetch " + ref + ": " + e.getMessage());
            }
        } else if (OciModules.isOci(ref)) {
            try {
                bytes = OciModules.fetch(ref);
            } catch (IOException e) {
                throw err(at + ".wasm", "cannot pull " + ref + ": " + e.getMessage());
            }
        } else {
            bytes = read(ref, at + ".wasm");
        }
        String actual = LoadedModule.sha256(bytes);
        if (pinned == null && remote) {
            throw err(
                    at + ".sha256",
                    "a module fetched over HTTP needs its digest (Envoy requires sha256 for a"
                            + " remote source); "
                            + ref
                            + " has sha256 "
                            + actual);
        }
        if (pinned != null && !pinned.equals(actual)) {
            throw err(
                    at + ".sha256",
                    "the module at " + ref + " has sha256 " + actual + ", not " + pinned);
        }
        return new ModuleSource(ref, displayName(ref), bytes, pinned);
    }

    private String displayName(String ref) {
        return RemoteModules.isRemote(ref) || OciModules.isOci(ref)
                ? RemoteModules.nameOf(ref)
                : resolver.displayName(ref);
    }

    private byte[] read(String ref, String at) {
        try {
            return resolver.read(ref);
        } catch (IOException e) {
            throw err(at, "cannot read '" + ref + "': " + e.getMessage());
        }
    }

    /** {@code inject: {callback: request_headers, call: 2}} ({@code call} defaults to 1). */
    private FaultSpec fault(JsonNode n, String at) {
        if (!n.isObject()) {
            throw err(at, "must be a map: {callback: request_headers, call: 1}");
        }
        allow(n, at, "callback", "call");
        if (!n.hasNonNull("callback")) {
            throw err(at + ".callback", "name the callback that traps (request_headers, tick...)");
        }
        Callback cb;
        try {
            cb = FaultSpec.callbackNamed(text(n.get("callback"), at + ".callback"));
        } catch (IllegalArgumentException e) {
            throw err(at + ".callback", e.getMessage());
        }
        int call =
                n.hasNonNull("call") ? intValue(n.get("call"), at + ".call", 1, 1_000_000_000) : 1;
        return new FaultSpec(cb, call);
    }

    /** A configuration: a string as is, or any other YAML value sent as JSON. */
    private String configuration(JsonNode n, String at) {
        if (n == null || n.isNull()) {
            return "";
        }
        if (n.isTextual()) {
            return n.asText();
        }
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw err(at, "cannot be written as JSON");
        }
    }

    private Headers headers(JsonNode n, String at) {
        if (n == null || n.isNull()) {
            return Headers.empty();
        }
        List<Header> out = new ArrayList<>();
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                JsonNode v = e.getValue();
                if (v.isArray()) {
                    for (int i = 0; i < v.size(); i++) {
                        out.add(
                                header(
                                        e.getKey(),
                                        scalarText(v.get(i), at + "." + e.getKey() + "[" + i + "]"),
                                        at));
                    }
                } else {
                    out.add(header(e.getKey(), scalarText(v, at + "." + e.getKey()), at));
                }
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                JsonNode p = n.get(i);
                if (p == null || !p.isArray() || p.size() != 2) {
                    throw err(at + "[" + i + "]", "must be a [name, value] pair");
                }
                out.add(
                        header(
                                scalarText(p.get(0), at + "[" + i + "]"),
                                scalarText(p.get(1), at + "[" + i + "]"),
                                at));
            }
        } else {
            throw err(at, "must be a map of name: value, or a list of [name, value] pairs");
        }
        return Headers.of(out);
    }

    private Header header(String name, String value, String at) {
        if (name.isEmpty() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z:-]+")) {
            throw err(at, "invalid header name '" + name + "'");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw err(at + "." + name, "header values cannot contain CR, LF or NUL");
        }
        return new Header(name, value);
    }

    private Map<String, Object> properties(JsonNode n) {
        if (n == null || n.isNull()) {
            return Map.of();
        }
        return objectMap(n, "properties");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> objectMap(JsonNode n, String at) {
        if (!n.isObject()) {
            throw err(at, "must be a map");
        }
        return (Map<String, Object>) JSON.convertValue(n, LinkedHashMap.class);
    }

    private Map<String, String> stringMap(JsonNode n, String at) {
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw err(at, "must be a map of name: value");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            out.put(e.getKey(), scalarText(e.getValue(), at + "." + e.getKey()));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private List<String> stringList(JsonNode n, String at) {
        if (n.isTextual()) {
            return List.of(n.asText());
        }
        if (!n.isArray()) {
            throw err(at, "must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(scalarText(n.get(i), at + "[" + i + "]"));
        }
        return List.copyOf(out);
    }

    private void allow(JsonNode n, String at, String... fields) {
        Set<String> ok = Set.of(fields);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ok.contains(f)) {
                throw err(
                        at.isEmpty() ? f : at + "." + f,
                        "unknown field (expected one of " + String.join(", ", fields) + ")");
            }
        }
    }

    private int intField(JsonNode root, String field, int dflt, int min, int max) {
        return root.hasNonNull(field) ? intValue(root.get(field), field, min, max) : dflt;
    }

    private int intValue(JsonNode n, String at, int min, int max) {
        long v = longValue(n, at);
        if (v < min || v > max) {
            throw err(at, "must be between " + min + " and " + max + ", not " + v);
        }
        return (int) v;
    }

    private long longValue(JsonNode n, String at) {
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw err(at, "must be a whole number, not '" + n.asText() + "'");
    }

    private boolean bool(JsonNode n, String at) {
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        String t = n.asText().trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("true") || t.equals("yes") || t.equals("on")) {
            return true;
        }
        if (t.equals("false") || t.equals("no") || t.equals("off")) {
            return false;
        }
        throw err(at, "must be true or false, not '" + n.asText() + "'");
    }

    private String text(JsonNode n, String at) {
        if (n == null || !n.isValueNode() || n.isNull()) {
            throw err(at, "must be a text value");
        }
        return n.asText();
    }

    /** Numbers and booleans become text too (YAML {@code x-a: 1}). */
    private String scalarText(JsonNode n, String at) {
        if (n == null || !n.isValueNode()) {
            throw err(at, "must be a single value, not a map or list");
        }
        return n.isNull() ? "" : n.asText();
    }

    private byte[] base64(JsonNode n, String at) {
        try {
            return Base64.getDecoder().decode(text(n, at).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw err(at, "not valid base64");
        }
    }

    /** Durations: {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 1m}; a bare number is ms. */
    long duration(JsonNode n, String at) {
        if (n.isNumber()) {
            long v = n.asLong();
            if (v < 0) {
                throw err(at, "must not be negative");
            }
            return v;
        }
        Matcher m = DURATION.matcher(n.asText());
        if (!m.matches()) {
            throw err(at, "not a duration: '" + n.asText() + "' (e.g. 250ms, 2s, 1m)");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        double ms =
                switch (unit) {
                    case "ns" -> v / 1_000_000.0;
                    case "us" -> v / 1000.0;
                    case "s" -> v * 1000;
                    case "m" -> v * 60_000;
                    case "h" -> v * 3_600_000;
                    default -> v;
                };
        return Math.round(ms);
    }

    private static String stripExt(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private ScenarioException err(String at, String problem) {
        return new ScenarioException(source + ": " + at + ": " + OneLine.escape(problem));
    }
}
