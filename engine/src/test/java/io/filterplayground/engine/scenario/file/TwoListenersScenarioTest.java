package io.filterplayground.engine.scenario.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.Listener;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.TcpListenerSpec;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.source.ResourceResolver;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An http scenario with a {@code tcpListener:} beside it: read, written back, and its rules. */
class TwoListenersScenarioTest {
    private static final ResourceResolver MODULES =
            ref -> ("bytes of " + ref).getBytes(StandardCharsets.UTF_8);

    private static final String BOTH =
            """
            clusters:
              web: {mock: {status: 200}}
              redis: {tcp: {replies: ["+PONG\\r\\n"]}}
              cache: {url: "tcp://127.0.0.1:6379"}
            route: web
            filters:
              - {name: add-header, wasm: modules/add_header.wasm}
              - {name: lua, lua: "function envoy_on_request(h) end"}
            tcpListener:
              route: redis
              filters:
                - name: inspector
                  wasm: modules/tcp_logger.wasm
                  rootId: tcp
                  inject: {callback: downstream_data, call: 2}
                - {name: idle, wasm: modules/tcp_logger.wasm, enabled: false}
            accessLoggers:
              - {name: audit, wasm: modules/access_log.wasm}
            services:
              - {name: stats, wasm: modules/stats.wasm}
            requests:
              - {name: get, path: /}
            connections:
              - name: ping
                steps: [{send: "PING\\r\\n"}]
                expect: {received: "+PONG\\r\\n", closedBy: inspector}
            """;

    private static Scenario parse(String text) {
        return ScenarioLoader.parse(text, "s.yaml", MODULES);
    }

    private static void rejects(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("s.yaml: " + message);
    }

    @Test
    void shouldReadATcpListenerBesideTheHttpOne() {
        Scenario s = parse(BOTH);

        assertThat(s.listener()).isEqualTo(Listener.HTTP);
        assertThat(s.hasHttpListener()).isTrue();
        assertThat(s.route()).isEqualTo("web");
        assertThat(s.httpFilters())
                .extracting(FilterSpec::name)
                .containsExactly("add-header", "lua");
        assertThat(s.httpFilters().get(1)).isInstanceOf(LuaFilterSpec.class);

        TcpListenerSpec tcp = s.tcpListener();
        assertThat(tcp).isSameAs(s.addedTcpListener());
        assertThat(tcp.route()).isEqualTo("redis");
        assertThat(tcp.filters()).extracting(FilterSpec::name).containsExactly("inspector", "idle");
        WasmFilterSpec inspector = (WasmFilterSpec) tcp.filters().get(0);
        assertThat(inspector.plugin().rootId()).isEqualTo("tcp");
        assertThat(inspector.inject().callback()).isEqualTo(Callback.DOWNSTREAM_DATA);
        assertThat(tcp.filters().get(1).enabled()).isFalse();

        assertThat(s.allFilters())
                .extracting(FilterSpec::name)
                .containsExactly("add-header", "lua", "inspector", "idle");
        assertThat(s.requests()).hasSize(1);
        assertThat(s.connections()).hasSize(1);
    }

    @Test
    void shouldWriteTheTcpListenerBackAsItWasRead() {
        Scenario first = parse(BOTH);
        String yaml = ScenarioWriter.toYaml(first);
        Scenario second = parse(yaml);

        assertThat(ScenarioWriter.toYaml(second)).isEqualTo(yaml);
        assertThat(second.addedTcpListener())
                .usingRecursiveComparison()
                .isEqualTo(first.addedTcpListener());
        assertThat(yaml)
                .contains("tcpListener:\n  route: redis\n  filters:\n  - name: inspector\n")
                .contains("    inject:\n      callback: downstream_data\n      call: 2\n")
                .doesNotContain("listener: http");
        // tcpListener follows the HTTP filters, before the loggers.
        assertThat(yaml.indexOf("tcpListener:"))
                .isGreaterThan(yaml.indexOf("filters:"))
                .isLessThan(yaml.indexOf("accessLoggers:"));
    }

    @Test
    void shouldGiveAListenerTcpScenarioItsTopLevelChainAsItsTcpListener() {
        Scenario s =
                parse(
                        """
                        listener: tcp
                        clusters: {echo: {tcp: {echo: true}}}
                        filters: [{name: t, wasm: modules/tcp_logger.wasm}]
                        """);

        assertThat(s.hasHttpListener()).isFalse();
        assertThat(s.httpFilters()).isEmpty();
        assertThat(s.addedTcpListener()).isNull();
        assertThat(s.tcpListener()).isEqualTo(new TcpListenerSpec(s.filters(), "echo"));
        assertThat(s.allFilters()).isEqualTo(s.filters());
        assertThat(ScenarioWriter.toYaml(s)).doesNotContain("tcpListener");
    }

    @Test
    void shouldLeaveAnHttpScenarioWithoutATcpListener() {
        Scenario s = parse("requests: [{path: /}]\n");

        assertThat(s.tcpListener()).isNull();
        assertThat(s.allFilters()).isEmpty();
        assertThat(ScenarioWriter.toYaml(s)).doesNotContain("tcpListener");
    }

    @Test
    void shouldRouteEachListenerToTheFirstClusterOfItsKindByDefault() {
        Scenario s =
                parse(
                        """
                        clusters:
                          redis: {tcp: {echo: true}}
                          web: {mock: {status: 204}}
                          other: {tcp: {echo: true}}
                        tcpListener: {}
                        """);

        assertThat(s.route()).isEqualTo("web");
        assertThat(s.tcpListener().route()).isEqualTo("redis");
        assertThat(s.tcpListener().filters()).isEmpty();
        assertThat(parse(ScenarioWriter.toYaml(s)).tcpListener()).isEqualTo(s.tcpListener());
        assertThat(ScenarioWriter.toYaml(s))
                .contains("tcpListener:\n  route: redis\n  filters: []\n");
    }

    @Test
    void shouldCarryTheTcpListenerThroughTheBuilderAndTheWithers() {
        Scenario s = parse(BOTH);

        assertThat(s.toBuilder().build()).isEqualTo(s);
        assertThat(s.withFilters(s.filters().subList(0, 1)).tcpListener())
                .isEqualTo(s.tcpListener());
        assertThat(s.withAddedTcpListener(null).tcpListener()).isNull();
    }

    @Test
    void shouldAddATcpListenerOnlyToAnHttpScenario() {
        rejects(
                "listener: tcp\nclusters: {echo: {tcp: {echo: true}}}\ntcpListener: {}\n",
                "tcpListener: adds a TCP listener beside the http one; with listener: tcp, the"
                        + " top-level filters: and route: are the TCP listener's");
    }

    @Test
    void shouldRouteTheTcpListenerToATcpCluster() {
        rejects(
                "tcpListener: {filters: []}\n",
                "tcpListener.route: no TCP cluster to proxy to; add one to clusters: (tcp: or"
                        + " url: tcp://host:port)");
        rejects(
                "clusters: {web: {mock: {}}}\ntcpListener: {route: web}\n",
                "tcpListener.route: cluster 'web' is an HTTP cluster; a tcp listener proxies to"
                        + " a TCP cluster (tcp: or url: tcp://host:port)");
        rejects(
                "clusters: {web: {mock: {}}}\ntcpListener: {route: redis}\n",
                "tcpListener.route: no cluster named 'redis' (clusters: [web])");
        rejects(
                "clusters: {web: {mock: {}}, r: {tcp: {echo: true}}}\ntcpListener: {bogus: 1}\n",
                "tcpListener.bogus: unknown field (expected one of route, filters)");
        rejects("tcpListener: [a]\n", "tcpListener: must be a map (route, filters)");
    }

    @Test
    void shouldTakeOnlyWasmFiltersWithNetworkFaultsOnTheTcpListener() {
        String head = "clusters: {web: {mock: {}}, r: {tcp: {echo: true}}}\ntcpListener:\n";
        rejects(
                head + "  filters: [{wasm: a.wasm}, {native: cors}]\n",
                "tcpListener.filters[1]: a tcp listener takes Wasm network filters; lua/native"
                        + " filters are HTTP filters");
        rejects(
                head + "  filters: [{wasm: a.wasm, inject: {callback: response_headers}}]\n",
                "tcpListener.filters[0].inject.callback: response_headers is called on HTTP"
                        + " streams (listener: http); a network filter gets new_connection,"
                        + " downstream_data, upstream_data");
        rejects(
                "clusters: {web: {mock: {}}, r: {tcp: {echo: true}}}\n"
                        + "filters: [{wasm: a.wasm, inject: {callback: new_connection}}]\n"
                        + "tcpListener: {filters: [{wasm: b.wasm}]}\n",
                "filters[0].inject.callback: new_connection is called on TCP connections"
                        + " (listener: tcp); an HTTP filter gets request_headers, request_body,"
                        + " request_trailers, response_headers, response_body, response_trailers");
    }

    @Test
    void shouldNameEveryFilterOfBothChainsAndEveryLoggerApart() {
        String head = "clusters: {web: {mock: {}}, r: {tcp: {echo: true}}}\n";
        rejects(
                head + "filters: [{wasm: x/a.wasm}]\ntcpListener: {filters: [{wasm: y/a.wasm}]}\n",
                "tcpListener.filters[0].name: an HTTP filter is already named 'a' (names must be"
                        + " unique across both listeners)");
        rejects(
                head + "tcpListener: {filters: [{wasm: a.wasm}, {wasm: b/a.wasm}]}\n",
                "tcpListener.filters[1].name: another filter is already named 'a' (names must be"
                        + " unique)");
        rejects(
                head
                        + "tcpListener: {filters: [{wasm: a.wasm, name: log}]}\n"
                        + "accessLoggers: [{wasm: b.wasm, name: log}]\n",
                "accessLoggers[0].name: another filter or access logger is already named 'log'"
                        + " (names must be unique)");
    }

    @Test
    void shouldCloseConnectionsOnlyByTheTcpListenersFilters() {
        rejects(
                "clusters: {web: {mock: {}}, r: {tcp: {echo: true}}}\n"
                        + "filters: [{wasm: a.wasm, name: http-one}]\n"
                        + "tcpListener: {filters: [{wasm: b.wasm, name: tcp-one}]}\n"
                        + "connections: [{steps: [], expect: {closedBy: http-one}}]\n",
                "connections[0].expect.closedBy: 'http-one' is not downstream, upstream or a"
                        + " filter's name (filters: [tcp-one])");
    }
}
