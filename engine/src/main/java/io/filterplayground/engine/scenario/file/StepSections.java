package io.filterplayground.engine.scenario.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.scenario.Expectation;
import io.filterplayground.engine.scenario.RequestSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code requests:}, the requests to fire, or {@code steps:}, requests interleaved with moves of
 * the virtual clock ({@code - request: {...}}, {@code - advance: 5s}). Plain requests are written
 * as {@code requests:}.
 */
final class StepSections implements Section<Scenario> {
    static final Slot<List<Step>> STEPS = Slot.of(List.of());

    private static final String REQUESTS_KEY = "requests";
    private static final String STEPS_KEY = "steps";
    private static final String REQUEST = "request";
    private static final String ADVANCE = "advance";

    private static final Key<RequestSpec, String> NAME = Key.named(RequestSpec::name);
    private static final Key<HttpRequest, String> METHOD =
            Key.of(
                            "method",
                            (n, at, r) -> {
                                String m = Values.TEXT.read(n, at, r).toUpperCase(Locale.ROOT);
                                if (!m.matches("[A-Z]+")) {
                                    throw r.error(at, "not an HTTP method: '" + m + "'");
                                }
                                return m;
                            },
                            HttpRequest::method,
                            "GET")
                    .always();
    private static final Key<HttpRequest, String> PATH =
            Key.of(
                            "path",
                            (n, at, r) -> {
                                String p = Values.TEXT.read(n, at, r);
                                if (!p.startsWith("/") && !p.equals("*")) {
                                    throw r.error(at, "must start with '/': '" + p + "'");
                                }
                                return p;
                            },
                            HttpRequest::path,
                            "/")
                    .always();
    private static final Key<HttpRequest, String> AUTHORITY =
            Key.of("authority", Values.TEXT, HttpRequest::authority, "localhost").always();
    private static final Key<HttpRequest, String> SCHEME =
            Key.of("scheme", Values.TEXT, HttpRequest::scheme, "http");
    private static final BodySection BODY =
            new BodySection(BodySection.BODY, BodySection.CHUNKS, BodySection.BASE64);

    /** How often a request or a connection runs. */
    static final Value<Integer> REPEATS = Values.whole(1, 1_000_000);

    /** The worker a request or a connection runs on (absent: round-robin). */
    static final Value<Integer> WORKER_INDEX = Values.whole(0, Scenario.MAX_WORKERS - 1);

    private static final Key<RequestSpec, Integer> REPEAT =
            Key.of("repeat", REPEATS, RequestSpec::repeat, 1);
    private static final Key<RequestSpec, Integer> WORKER =
            Key.of("worker", WORKER_INDEX, RequestSpec::worker, null);
    private static final Key<RequestSpec, Long> ADVANCE_TIME =
            Key.of("advanceTime", Values.DURATION, RequestSpec::advanceMillis, 0L);
    private static final Key<RequestSpec, Expectation> EXPECT =
            Key.of(
                    "expect",
                    Values.map(
                            ExpectationSections.EXPECTATION,
                            ExpectationSections::build,
                            "must be a map (status, responseHeaders, ...)"),
                    RequestSpec::expect,
                    null);
    private static final Sections<RequestSpec> REQUEST_KEYS =
            Sections.of(
                    NAME,
                    METHOD.on(RequestSpec::request),
                    PATH.on(RequestSpec::request),
                    AUTHORITY.on(RequestSpec::request),
                    SCHEME.on(RequestSpec::request),
                    HttpKeys.HEADERS.on(s -> s.request().headers()),
                    BODY.on(s -> s.request().bodyChunks()),
                    HttpKeys.TRAILERS.on(s -> s.request().trailers()),
                    REPEAT,
                    WORKER,
                    ADVANCE_TIME,
                    EXPECT);

    @Override
    public List<String> keys() {
        return List.of(REQUESTS_KEY, STEPS_KEY);
    }

    @Override
    public void read(Fields in, Draft into) {
        JsonNode requests = in.get(REQUESTS_KEY);
        JsonNode steps = in.get(STEPS_KEY);
        boolean hasRequests = requests != null && !requests.isNull();
        boolean hasSteps = steps != null && !steps.isNull();
        if (hasRequests && hasSteps) {
            throw in.error(STEPS_KEY, "give requests: or steps:, not both");
        }
        List<Step> out = new ArrayList<>();
        if (hasSteps) {
            if (!steps.isArray()) {
                throw in.error(
                        STEPS_KEY,
                        "must be a list of '- request: {...}' and '- advance: 5s' entries");
            }
            for (int i = 0; i < steps.size(); i++) {
                Fields s =
                        new Fields(steps.get(i), in.path(STEPS_KEY) + "[" + i + "]", in.reading());
                if (s.node() == null || !s.node().isObject() || s.node().size() != 1) {
                    throw s.error("must be '- request: {...}' or '- advance: 5s'");
                }
                if (s.node().has(ADVANCE)) {
                    out.add(new Step.Advance(s.read(ADVANCE, Values.DURATION)));
                } else if (s.node().has(REQUEST)) {
                    Fields r = new Fields(s.get(REQUEST), s.path(REQUEST), in.reading());
                    out.add(new Step.Send(request(r, out.size())));
                } else {
                    throw s.error(
                            "unknown step '"
                                    + s.node().fieldNames().next()
                                    + "' (request or advance)");
                }
            }
        } else if (hasRequests) {
            List<Fields> list = in.list(REQUESTS_KEY, "must be a list of requests");
            for (int i = 0; i < list.size(); i++) {
                out.add(new Step.Send(request(list.get(i), i)));
            }
        }
        into.put(STEPS, List.copyOf(out));
    }

    /** A request; unnamed, it is {@code request-N} after its place ({@code index} from 0). */
    private static RequestSpec request(Fields r, int index) {
        Draft d =
                REQUEST_KEYS.readMap(
                        r.requireMap("must be a map (method, path, headers, body...)"));
        HttpRequest request =
                new HttpRequest(
                        d.get(METHOD),
                        d.get(SCHEME),
                        d.get(AUTHORITY),
                        d.get(PATH),
                        d.get(HttpKeys.HEADERS),
                        d.get(BODY),
                        d.get(HttpKeys.TRAILERS));
        return new RequestSpec(
                d.getOr(NAME, "request-" + (index + 1)),
                request,
                d.get(REPEAT),
                d.get(WORKER),
                d.get(ADVANCE_TIME),
                d.get(EXPECT));
    }

    @Override
    public void write(Scenario s, Map<String, Object> out, UnaryOperator<String> refs) {
        boolean plain = s.steps().stream().allMatch(st -> st instanceof Step.Send);
        List<Object> steps = new ArrayList<>();
        for (Step st : s.steps()) {
            if (st instanceof Step.Send send) {
                Map<String, Object> r = REQUEST_KEYS.toMap(send.request(), refs);
                steps.add(plain ? r : Map.of(REQUEST, r));
            } else if (st instanceof Step.Advance a) {
                steps.add(Map.of(ADVANCE, Values.DURATION.write(a.millis())));
            }
        }
        if (!steps.isEmpty()) {
            out.put(plain ? REQUESTS_KEY : STEPS_KEY, steps);
        }
    }
}
