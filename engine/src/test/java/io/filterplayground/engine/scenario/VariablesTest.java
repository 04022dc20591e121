package io.filterplayground.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.scenario.file.ScenarioWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {{variables}} in requests, replaced as each request is sent. */
class VariablesTest {
    private static final String SCENARIO =
            """
            workers: 2
            variables: {user: alice, tenant: acme, host: shop.example.com}
            clusters: {backend: {mock: {echo: true}}}
            route: backend
            requests:
              - name: "{{user}}'s items"
                method: POST
                authority: "{{host}}"
                path: /t/{{tenant}}/items?n={{ $i }}
                headers: {x-user: "{{user}}", x-request: "{{$uuid}}"}
                body: "hello {{user}}, call {{$i}}"
                repeat: 3
            """;

    @Test
    void shouldReplaceVariablesAndBuiltInsInEveryPartOfTheRequest() {
        RunResult r = Fixtures.run(Fixtures.yaml(SCENARIO));

        List<Exchange> xs = r.exchanges();
        assertThat(xs).hasSize(3);
        for (int i = 0; i < 3; i++) {
            var up = xs.get(i).upstreamRequest();
            assertThat(up.headers().first(":path")).contains("/t/acme/items?n=" + i);
            assertThat(up.headers().first(":authority")).contains("shop.example.com");
            assertThat(up.headers().first("x-user")).contains("alice");
            assertThat(new String(up.body(), StandardCharsets.UTF_8))
                    .isEqualTo("hello alice, call " + i);
        }
        List<String> ids =
                xs.stream()
                        .map(x -> x.upstreamRequest().headers().first("x-request").orElseThrow())
                        .toList();
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9a-f-]{36}"));
        // Drawn from the seed: the next run sends the same ones.
        assertThat(
                        Fixtures.run(Fixtures.yaml(SCENARIO)).exchanges().stream()
                                .map(
                                        x ->
                                                x.upstreamRequest()
                                                        .headers()
                                                        .first("x-request")
                                                        .orElseThrow())
                                .toList())
                .isEqualTo(ids);
    }

    @Test
    void shouldKeepTheTemplatesWhenSaved() {
        String yaml = ScenarioWriter.toYaml(Fixtures.yaml(SCENARIO));
        assertThat(yaml)
                .contains("variables:\n  user: alice\n  tenant: acme")
                .contains("- - x-user\n    - \"{{user}}\"")
                .contains("path: \"/t/{{tenant}}/items?n={{ $i }}\"");
    }

    @Test
    void shouldNameAVariableThatIsNotDefined() {
        assertThatThrownBy(
                        () ->
                                Fixtures.yaml(
                                        "variables: {user: alice}\n"
                                                + "requests:\n"
                                                + "  - {name: a}\n"
                                                + "  - {name: b, headers: {x-user: '{{usr}}'}}\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessage(
                        "test.yaml: requests[1]: {{usr}} is not defined (variables: [user]; built"
                                + " in: $i, $uuid)");
    }
}
