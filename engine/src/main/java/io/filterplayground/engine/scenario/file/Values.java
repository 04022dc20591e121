package io.filterplayground.engine.scenario.file;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.scenario.Durations;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The kinds of value scenario files hold, each with its one wording of what is wrong. */
final class Values {
    static final ObjectMapper JSON = new ObjectMapper();

    private Values() {}

    static final Value<String> TEXT =
            (n, at, r) -> {
                if (n == null || !n.isValueNode() || n.isNull()) {
                    throw r.error(at, "must be a text value");
                }
                return n.asText();
            };

    /** Numbers and booleans become text too (YAML {@code x-a: 1}). */
    static final Value<String> SCALAR =
            (n, at, r) -> {
                if (n == null || !n.isValueNode()) {
                    throw r.error(at, "must be a single value, not a map or list");
                }
                return n.isNull() ? "" : n.asText();
            };

    static final Value<Boolean> BOOL =
            (n, at, r) -> {
                if (n.isBoolean()) {
                    return n.asBoolean();
                }
                String t = n.asText().trim().toLowerCase(Locale.ROOT);
                if (t.equals("true") || t.equals("yes") || t.equals("on")) {
                    return true;
                }
                if (t.equals("false") || t.equals("no") || t.equals("off")) {
                    return false;
                }
                throw r.error(at, "must be true or false, not '" + n.asText() + "'");
            };

    static final Value<Long> LONG =
            (n, at, r) -> {
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
                throw r.error(at, "must be a whole number, not '" + n.asText() + "'");
            };

    /** A whole number from {@code min} to {@code max}. */
    static Value<Integer> whole(int min, int max) {
        return (n, at, r) -> {
            long v = LONG.read(n, at, r);
            if (v < min || v > max) {
                throw r.error(at, "must be between " + min + " and " + max + ", not " + v);
            }
            return (int) v;
        };
    }

    /**
     * Milliseconds, written {@code 250ms}; a bare number is milliseconds (see {@link Durations}).
     */
    static final Value<Long> DURATION =
            Value.of(
                    (n, at, r) -> {
                        if (n.isNumber()) {
                            long v = n.asLong();
                            if (v < 0) {
                                throw r.error(at, "must not be negative");
                            }
                            return v;
                        }
                        return Durations.millis(n.asText())
                                .orElseThrow(
                                        () ->
                                                r.error(
                                                        at,
                                                        "not a duration: '"
                                                                + n.asText()
                                                                + "' (e.g. 250ms, 2s, 1m)"));
                    },
                    Durations::text);

    /** Text, as its UTF-8 bytes. */
    static final Value<byte[]> UTF8 = (n, at, r) -> SCALAR.read(n, at, r).getBytes(UTF_8);

    static final Value<byte[]> BASE64 =
            Value.of(
                    (n, at, r) -> {
                        try {
                            return Base64.getDecoder()
                                    .decode(TEXT.read(n, at, r).replaceAll("\\s", ""));
                        } catch (IllegalArgumentException e) {
                            throw r.error(at, "not valid base64");
                        }
                    },
                    b -> b.length == 0 ? null : Base64.getEncoder().encodeToString(b));

    /** A configuration: a string as is, or any other YAML value sent as JSON. */
    static final Value<String> CONFIGURATION =
            (n, at, r) -> {
                if (n == null || n.isNull()) {
                    return "";
                }
                if (n.isTextual()) {
                    return n.asText();
                }
                try {
                    return JSON.writeValueAsString(n);
                } catch (JsonProcessingException e) {
                    throw r.error(at, "cannot be written as JSON");
                }
            };

    static final Value<Map<String, String>> STRING_MAP =
            (n, at, r) -> {
                if (n == null || n.isNull()) {
                    return Map.of();
                }
                if (!n.isObject()) {
                    throw r.error(at, "must be a map of name: value");
                }
                Map<String, String> out = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    out.put(e.getKey(), SCALAR.read(e.getValue(), at + "." + e.getKey(), r));
                }
                return Collections.unmodifiableMap(out);
            };

    /** A list of {@code item}s; one value alone reads as a list of one. */
    static <V> Value<List<V>> listOf(Value<V> item, String notAList) {
        return Value.of(
                (n, at, r) -> {
                    if (n.isValueNode()) {
                        return List.of(item.read(n, at, r));
                    }
                    if (!n.isArray()) {
                        throw r.error(at, notAList);
                    }
                    List<V> out = new ArrayList<>();
                    for (int i = 0; i < n.size(); i++) {
                        out.add(item.read(n.get(i), at + "[" + i + "]", r));
                    }
                    return List.copyOf(out);
                },
                list -> list.stream().map(item::write).toList());
    }

    static final Value<List<String>> STRING_LIST = listOf(SCALAR, "must be a list of strings");

    /** Any map, as plain Java values in the order written (a native filter's config...). */
    @SuppressWarnings("unchecked")
    static final Value<Map<String, Object>> OBJECT_MAP =
            (n, at, r) -> {
                if (!n.isObject()) {
                    throw r.error(at, "must be a map");
                }
                return (Map<String, Object>) JSON.convertValue(n, LinkedHashMap.class);
            };

    /**
     * Headers: a map of name: value (a list value repeats the header), or a list of [name, value]
     * pairs; written as pairs, which keep order and repeats.
     */
    static final Value<Headers> HEADERS =
            Value.of(Values::headers, h -> h == null || h.isEmpty() ? null : pairs(h));

    private static Headers headers(JsonNode n, String at, Reading r) {
        if (n == null || n.isNull()) {
            return Headers.empty();
        }
        List<Header> out = new ArrayList<>();
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                JsonNode v = e.getValue();
                if (v.isArray()) {
                    for (int i = 0; i < v.size(); i++) {
                        String vat = at + "." + e.getKey() + "[" + i + "]";
                        out.add(header(e.getKey(), SCALAR.read(v.get(i), vat, r), at, r));
                    }
                } else {
                    String vat = at + "." + e.getKey();
                    out.add(header(e.getKey(), SCALAR.read(v, vat, r), at, r));
                }
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                JsonNode p = n.get(i);
                String pat = at + "[" + i + "]";
                if (p == null || !p.isArray() || p.size() != 2) {
                    throw r.error(pat, "must be a [name, value] pair");
                }
                out.add(
                        header(
                                SCALAR.read(p.get(0), pat, r),
                                SCALAR.read(p.get(1), pat, r),
                                at,
                                r));
            }
        } else {
            throw r.error(at, "must be a map of name: value, or a list of [name, value] pairs");
        }
        return Headers.of(out);
    }

    private static Header header(String name, String value, String at, Reading r) {
        if (name.isEmpty() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z:-]+")) {
            throw r.error(at, "invalid header name '" + name + "'");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw r.error(at + "." + name, "header values cannot contain CR, LF or NUL");
        }
        return new Header(name, value);
    }

    private static List<List<String>> pairs(Headers headers) {
        List<List<String>> pairs = new ArrayList<>();
        for (Header h : headers) {
            pairs.add(List.of(h.name(), h.value()));
        }
        return pairs;
    }

    /**
     * A nested map of {@code sections}, built into {@code T}; {@code notAMap} is the message for
     * another kind of value (null: anything else reads as an empty map).
     */
    static <T> Value<T> map(Sections<T> sections, Function<Draft, T> build, String notAMap) {
        return Value.of(
                (n, at, r) -> {
                    if (notAMap != null && !n.isObject()) {
                        throw r.error(at, notAMap);
                    }
                    return build.apply(sections.readMap(new Fields(n, at, r)));
                },
                // Nested values hold no file references, so there is nothing to map.
                v -> sections.toMap(v, ref -> ref));
    }
}
