package io.filterplayground.engine.scenario;

import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.http.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{name}}} in a request (method, authority, path, scheme, header and trailer values, text
 * bodies), replaced when the request is sent: by the scenario's {@code variables:}, or by a
 * built-in: {@code {{$i}}} the request's number within its repeat or burst (from 0), {@code
 * {{$uuid}}} a UUID drawn from the scenario's seed (the same run gives the same ones).
 */
public final class Variables {
    private static final Pattern REF =
            Pattern.compile("\\{\\{\\s*([$A-Za-z_][A-Za-z0-9_.-]*)\\s*}}");
    private static final Set<String> BUILT_INS = Set.of("$i", "$uuid");

    private final Map<String, String> values;
    private final long seed;

    public Variables(Map<String, String> values, long seed) {
        this.values = Map.copyOf(values);
        this.seed = seed;
    }

    /** The names {@code r} refers to that are neither defined nor built in, in order. */
    public List<String> undefined(HttpRequest r) {
        return undefined(texts(r));
    }

    private List<String> undefined(List<String> texts) {
        Set<String> out = new LinkedHashSet<>();
        for (String text : texts) {
            Matcher m = REF.matcher(text);
            while (m.find()) {
                String name = m.group(1);
                if (!values.containsKey(name) && !BUILT_INS.contains(name)) {
                    out.add(name);
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * {@code r} with its references replaced; {@code i} is its number within its repeat or burst,
     * {@code serial} its number in the run (what {@code $uuid} is drawn from).
     */
    public HttpRequest expand(HttpRequest r, int i, long serial) {
        List<String> texts = texts(r);
        if (texts.stream().noneMatch(t -> t.contains("{{"))) {
            return r;
        }
        List<String> missing = undefined(texts);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "{{"
                            + missing.get(0)
                            + "}} is not defined (variables: "
                            + values.keySet()
                            + ")");
        }
        List<Header> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(new Header(h.name(), expand(h.value(), i, serial)));
        }
        List<Header> trailers = new ArrayList<>();
        for (Header h : r.trailers()) {
            trailers.add(new Header(h.name(), expand(h.value(), i, serial)));
        }
        List<byte[]> chunks = new ArrayList<>();
        for (byte[] c : r.bodyChunks()) {
            String text = Utf8.orNull(c);
            chunks.add(text == null ? c : expand(text, i, serial).getBytes(StandardCharsets.UTF_8));
        }
        return new HttpRequest(
                expand(r.method(), i, serial),
                expand(r.scheme(), i, serial),
                expand(r.authority(), i, serial),
                expand(r.path(), i, serial),
                Headers.of(headers),
                chunks,
                Headers.of(trailers));
    }

    private String expand(String text, int i, long serial) {
        if (!text.contains("{{")) {
            return text;
        }
        Matcher m = REF.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v =
                    switch (name) {
                        case "$i" -> Integer.toString(i);
                        case "$uuid" ->
                                UUID.nameUUIDFromBytes(
                                                (seed + ":uuid:" + serial)
                                                        .getBytes(StandardCharsets.UTF_8))
                                        .toString();
                        default -> values.get(name);
                    };
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Every text of {@code r} a reference may be in (bodies only when they are UTF-8 text). */
    private static List<String> texts(HttpRequest r) {
        List<String> t = new ArrayList<>();
        t.add(r.method());
        t.add(r.scheme());
        t.add(r.authority());
        t.add(r.path());
        for (Header h : r.headers()) {
            t.add(h.value());
        }
        for (Header h : r.trailers()) {
            t.add(h.value());
        }
        for (byte[] c : r.bodyChunks()) {
            String s = Utf8.orNull(c);
            if (s != null) {
                t.add(s);
            }
        }
        return t;
    }
}
