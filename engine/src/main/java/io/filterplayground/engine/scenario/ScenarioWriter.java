package io.filterplayground.engine.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.filterplayground.engine.abi.Limits;
import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.http.Utf8;
import io.filterplayground.engine.upstream.GrpcReply;
import io.filterplayground.engine.upstream.MockSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Writes a {@link Scenario} back as the YAML of cli-contract.md, so that {@link ScenarioLoader}
 * reads the same scenario again. Fields left at their defaults are omitted; module and Lua file
 * references go through a mapper (the GUI rewrites paths relative to the new file's folder).
 */
public final class ScenarioWriter {
    private static final ObjectMapper YAML =
            new ObjectMapper(
                    YAMLFactory.builder()
                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                            .build());

    private final UnaryOperator<String> refs;

    private ScenarioWriter(UnaryOperator<String> refs) {
        this.refs = refs;
    }

    /** The scenario as YAML, references as they are. */
    public static String toYaml(Scenario s) {
        return toYaml(s, UnaryOperator.identity());
    }

    /** The scenario as YAML, each module / Lua file reference passed through {@code refs}. */
    public static String toYaml(Scenario s, UnaryOperator<String> refs) {
        try {
            return YAML.writeValueAsString(new ScenarioWriter(refs).scenario(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the scenario as YAML", e);
        }
    }

    /** Writes the YAML to {@code file} (UTF-8), replacing it. */
    public static void write(Scenario s, Path file, UnaryOperator<String> refs) {
        try {
            Files.writeString(file, toYaml(s, refs), StandardCharsets.UTF_8);
        } catch (IOException e) {
            String why =
                    e instanceof NoSuchFileException
                            ? "its folder does not exist"
                            : e instanceof AccessDeniedException
                                    ? "permission denied"
                                    : String.valueOf(e.getMessage());
            throw new ScenarioException(file + ": cannot write the file (" + why + ")");
        }
    }

    private Map<String, Object> scenario(Scenario s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workers", s.workers());
        if (s.clock() == Scenario.ClockMode.VIRTUAL) {
            out.put("clock", "virtual");
        }
        if (s.startTime() != null) {
            out.put("startTime", s.startTime().toString());
        }
        if (s.logLevel() != LogLevel.INFO) {
            out.put("logLevel", s.logLevel().displayName());
        }
        if (s.seed() != 42) {
            out.put("seed", s.seed());
        }
        if (!s.canary()) {
            out.put("canary", false);
        }
        if (s.callbackTimeoutMillis() != Limits.DEFAULT_CALLBACK_TIMEOUT_MILLIS) {
            out.put("callbackTimeout", s.callbackTimeoutMillis() + "ms");
        }
        if (s.maxMemoryPages() != Limits.DEFAULT_MAX_MEMORY_PAGES) {
            out.put("maxMemoryPages", s.maxMemoryPages());
        }
        if (s.bufferLimitBytes() != Limits.DEFAULT_BUFFER_LIMIT_BYTES) {
            out.put("bufferLimit", s.bufferLimitBytes());
        }
        Map<String, Object> clusters = new LinkedHashMap<>();
        for (ClusterSpec c : s.clusters().values()) {
            clusters.put(c.name(), cluster(c));
        }
        out.put("clusters", clusters);
        out.put("route", s.route());
        if (!s.variables().isEmpty()) {
            out.put("variables", s.variables());
        }
        if (!s.properties().isEmpty()) {
            out.put("properties", s.properties());
        }
        List<Object> filters = new ArrayList<>();
        for (FilterSpec f : s.filters()) {
            filters.add(filter(f));
        }
        out.put("filters", filters);
        if (!s.services().isEmpty()) {
            List<Object> services = new ArrayList<>();
            for (ServiceSpec svc : s.services()) {
                services.add(service(svc));
            }
            out.put("services", services);
        }
        boolean plain = s.steps().stream().allMatch(st -> st instanceof Step.Send);
        List<Object> steps = new ArrayList<>();
        for (Step st : s.steps()) {
            if (st instanceof Step.Send send) {
                Map<String, Object> r = request(send.request());
                steps.add(plain ? r : Map.of("request", r));
            } else if (st instanceof Step.Advance a) {
                steps.add(Map.of("advance", a.millis() + "ms"));
            }
        }
        if (!steps.isEmpty()) {
            out.put(plain ? "requests" : "steps", steps);
        }
        return out;
    }

    private Map<String, Object> cluster(ClusterSpec c) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (c.url() != null) {
            out.put("url", c.url());
            return out;
        }
        MockSpec m = c.mock();
        Map<String, Object> mock = new LinkedHashMap<>();
        mock.put("status", m.status());
        putHeaders(mock, "headers", m.headers());
        putBody(mock, m.bodyChunks());
        putHeaders(mock, "trailers", m.trailers());
        if (m.echo()) {
            mock.put("echo", true);
        }
        if (m.delayMillis() > 0) {
            mock.put("delay", m.delayMillis() + "ms");
        }
        if (m.grpc() != null) {
            GrpcReply g = m.grpc();
            Map<String, Object> grpc = new LinkedHashMap<>();
            grpc.put("status", g.status());
            if (!g.message().isEmpty()) {
                grpc.put("message", g.message());
            }
            putHeaders(grpc, "initialMetadata", g.initialMetadata());
            if (g.response().length > 0) {
                grpc.put("responseBase64", Base64.getEncoder().encodeToString(g.response()));
            }
            putHeaders(grpc, "trailingMetadata", g.trailingMetadata());
            mock.put("grpc", grpc);
        }
        out.put("mock", mock);
        return out;
    }

    private Map<String, Object> filter(FilterSpec f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", f.name());
        if (!f.enabled()) {
            out.put("enabled", false);
        }
        switch (f.kind()) {
            case WASM -> {
                out.put("wasm", refs.apply(f.wasm().ref()));
                if (f.wasm().sha256() != null) {
                    out.put("sha256", f.wasm().sha256());
                }
                putText(out, "rootId", f.rootId());
                putText(out, "vmId", f.vmId());
                putText(out, "configuration", f.configuration());
                putText(out, "vmConfiguration", f.vmConfiguration());
                if (f.failurePolicy() != FailurePolicy.FAIL_CLOSED) {
                    out.put("failurePolicy", f.failurePolicy().displayName());
                }
                if (f.reloadBackoffMillis() != 1000) {
                    out.put("reloadBackoff", f.reloadBackoffMillis() + "ms");
                }
                if (f.allowOnHeadersStopIteration()) {
                    out.put("allowOnHeadersStopIteration", true);
                }
                if (!f.environment().isEmpty()) {
                    out.put("environment", f.environment());
                }
                if (f.inject() != null) {
                    Map<String, Object> fault = new LinkedHashMap<>();
                    fault.put("callback", f.inject().callbackName());
                    fault.put("call", f.inject().call());
                    out.put("inject", fault);
                }
            }
            case LUA -> {
                if (f.luaFile() != null) {
                    out.put("luaFile", refs.apply(f.luaFile()));
                } else {
                    out.put("lua", f.lua());
                }
                // A Lua filter's config: holds its metadata (what handle:metadata() reads).
                if (f.nativeConfig() != null && !f.nativeConfig().isEmpty()) {
                    out.put("config", f.nativeConfig());
                }
            }
            case NATIVE -> {
                out.put("native", f.nativeKind());
                if (f.nativeConfig() != null && !f.nativeConfig().isEmpty()) {
                    out.put("config", f.nativeConfig());
                }
            }
        }
        return out;
    }

    private Map<String, Object> service(ServiceSpec s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("wasm", refs.apply(s.wasm().ref()));
        if (s.wasm().sha256() != null) {
            out.put("sha256", s.wasm().sha256());
        }
        putText(out, "rootId", s.rootId());
        putText(out, "vmId", s.vmId());
        putText(out, "configuration", s.configuration());
        putText(out, "vmConfiguration", s.vmConfiguration());
        out.put("singleton", s.singleton());
        if (!s.environment().isEmpty()) {
            out.put("environment", s.environment());
        }
        return out;
    }

    private Map<String, Object> request(RequestSpec spec) {
        HttpRequest r = spec.request();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", spec.name());
        out.put("method", r.method());
        out.put("path", r.path());
        out.put("authority", r.authority());
        if (!"http".equals(r.scheme())) {
            out.put("scheme", r.scheme());
        }
        putHeaders(out, "headers", r.headers());
        putBody(out, r.bodyChunks());
        putHeaders(out, "trailers", r.trailers());
        if (spec.repeat() != 1) {
            out.put("repeat", spec.repeat());
        }
        if (spec.worker() != null) {
            out.put("worker", spec.worker());
        }
        if (spec.advanceMillis() > 0) {
            out.put("advanceTime", spec.advanceMillis() + "ms");
        }
        if (spec.expect() != null) {
            out.put("expect", expectation(spec.expect()));
        }
        return out;
    }

    private static Map<String, Object> expectation(Expectation e) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIf(out, "status", e.status());
        putIf(out, "responseHeaders", e.responseHeaders());
        putIf(out, "absentResponseHeaders", e.absentResponseHeaders());
        putIf(out, "upstreamHeaders", e.upstreamHeaders());
        putIf(out, "absentUpstreamHeaders", e.absentUpstreamHeaders());
        putIf(out, "bodyContains", e.bodyContains());
        putIf(out, "body", e.bodyEquals());
        putIf(out, "logContains", e.logContains());
        putIf(out, "localReply", e.localReply());
        putIf(out, "upstreamReached", e.upstreamReached());
        return out;
    }

    /** Headers as a list of [name, value] pairs: keeps order and repeats. */
    private static void putHeaders(Map<String, Object> out, String key, Headers headers) {
        if (headers == null || headers.isEmpty()) {
            return;
        }
        List<List<String>> pairs = new ArrayList<>();
        for (Header h : headers) {
            pairs.add(List.of(h.name(), h.value()));
        }
        out.put(key, pairs);
    }

    /** One text chunk as {@code body}, several as {@code bodyChunks}, binary as base64. */
    private static void putBody(Map<String, Object> out, List<byte[]> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        List<String> texts = new ArrayList<>();
        for (byte[] c : chunks) {
            String t = Utf8.orNull(c);
            if (t == null) {
                int size = chunks.stream().mapToInt(b -> b.length).sum();
                ByteBuffer all = ByteBuffer.allocate(size);
                chunks.forEach(all::put);
                out.put("bodyBase64", Base64.getEncoder().encodeToString(all.array()));
                return;
            }
            texts.add(t);
        }
        if (texts.size() == 1) {
            out.put("body", texts.get(0));
        } else {
            out.put("bodyChunks", texts);
        }
    }

    private static void putText(Map<String, Object> out, String key, String value) {
        if (value != null && !value.isEmpty()) {
            out.put(key, value);
        }
    }

    private static void putIf(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, Objects.requireNonNull(value));
        }
    }
}
