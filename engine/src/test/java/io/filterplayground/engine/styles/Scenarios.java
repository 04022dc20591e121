package io.filterplayground.engine.styles;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.ScenarioRunner;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.scenario.source.Resolvers;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TraceSink;
import java.util.List;

/**
 * Runs scenario text through the real engine. Module paths resolve against the packaged sample
 * folders ({@code add-header/add_header.wasm}, {@code three-styles/add_header.lua}...).
 */
final class Scenarios {
    static final String SAMPLES = "io/filterplayground/samples/";

    private Scenarios() {}

    static Scenario parse(String yaml) {
        return ScenarioLoader.parse(
                yaml, "test.yaml", Resolvers.classpath(SAMPLES, Scenarios.class.getClassLoader()));
    }

    static RunResult run(String yaml) {
        try {
            return ScenarioRunner.run(parse(yaml), Playground.Options.defaults(), TraceSink.NONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Exchange only(RunResult r) {
        if (r.exchanges().size() != 1) {
            throw new AssertionError("expected one exchange, got " + r.exchanges().size());
        }
        return r.exchanges().get(0);
    }

    static List<CallbackEvent> callbacks(Exchange x, String filter) {
        return of(x.events(), CallbackEvent.class).stream()
                .filter(c -> c.filter().equals(filter))
                .toList();
    }

    static List<String> callbackNames(Exchange x, String filter) {
        return callbacks(x, filter).stream().map(CallbackEvent::name).toList();
    }

    static List<HostCallEvent> hostcalls(Exchange x, String filter) {
        return of(x.events(), HostCallEvent.class).stream()
                .filter(c -> c.filter().equals(filter))
                .toList();
    }

    static List<String> logs(Exchange x) {
        return of(x.events(), LogEvent.class).stream().map(LogEvent::message).toList();
    }

    static <T extends TraceEvent> List<T> of(List<TraceEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static String upstream(Exchange x, String header) {
        return x.upstreamRequest() == null
                ? null
                : x.upstreamRequest().headers().first(header).orElse(null);
    }

    static String response(Exchange x, String header) {
        return x.response().headers().first(header).orElse(null);
    }

    static String yaml(String chain, String requests) {
        return """
                workers: 1
                clusters:
                  backend:
                    mock:
                      status: 200
                      headers: {content-type: text/plain}
                      body: "hello"
                  auth:
                    mock:
                      status: 200
                      headers: {x-auth: ok, content-type: text/plain}
                      body: "allowed"
                route: backend
                filters:
                """
                + indent(chain)
                + "requests:\n"
                + indent(requests);
    }

    static String indent(String block) {
        return indentBy(block, 2);
    }

    /** A Lua filter entry of {@code filters:}. */
    static String lua(String name, String script) {
        return "- name: " + name + "\n  lua: |\n" + indentBy(script, 4);
    }

    /** A Lua filter entry with a {@code config:} block (YAML, at the config's indentation). */
    static String lua(String name, String config, String script) {
        return "- name: "
                + name
                + "\n  config:\n"
                + indentBy(config, 4)
                + "  lua: |\n"
                + indentBy(script, 4);
    }

    static String indentBy(String block, int n) {
        String pad = " ".repeat(n);
        StringBuilder sb = new StringBuilder();
        for (String line : block.stripIndent().strip().split("\n", -1)) {
            sb.append(line.isEmpty() ? "" : pad + line).append('\n');
        }
        return sb.toString();
    }
}
