package io.filterplayground.app.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.scenario.ClusterSpec;
import io.filterplayground.engine.upstream.MockSpec;
import io.filterplayground.engine.upstream.MockTcpSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UpstreamViewModelTest {
    private final UpstreamViewModel vm = new UpstreamViewModel();
    private final AtomicInteger changes = new AtomicInteger();

    UpstreamViewModelTest() {
        vm.load(
                Map.of(
                        "backend",
                        new ClusterSpec(
                                "backend",
                                new MockSpec(
                                        200,
                                        Headers.of("content-type", "text/plain"),
                                        List.of(),
                                        Headers.empty(),
                                        false,
                                        0,
                                        null),
                                null)),
                "backend");
        vm.setOnChange(changes::incrementAndGet);
    }

    @Test
    void shouldWriteMockEditsBackToTheCluster() {
        vm.statusProperty().set("418");
        vm.echoProperty().set(true);
        MockSpec m = vm.clusters().get("backend").mock();
        assertThat(m.status()).isEqualTo(418);
        assertThat(m.echo()).isTrue();
        assertThat(m.headers().first("content-type")).contains("text/plain");
        assertThat(changes.get()).isEqualTo(2);
    }

    @Test
    void shouldExplainABadFieldAndKeepTheCluster() {
        vm.statusProperty().set("abc");
        assertThat(vm.messageProperty().get()).isEqualTo("Status: 'abc' is not a number");
        assertThat(vm.clusters().get("backend").mock().status()).isEqualTo(200);
        vm.useUrlProperty().set(true);
        vm.urlProperty().set("not a url");
        assertThat(vm.messageProperty().get()).startsWith("URL: not an http(s) URL");
        vm.urlProperty().set("http://127.0.0.1:9");
        assertThat(vm.clusters().get("backend").url()).isEqualTo("http://127.0.0.1:9");
    }

    @Test
    void shouldLeaveATcpClusterAsTheFileDescribesIt() {
        ClusterSpec echo = ClusterSpec.tcpMock("echo", MockTcpSpec.echoing());
        vm.load(Map.of("echo", echo), "echo");
        assertThat(vm.messageProperty().get()).contains("TCP cluster");
        vm.statusProperty().set("418");
        vm.useUrlProperty().set(true);
        assertThat(vm.clusters().get("echo")).isSameAs(echo);
        assertThat(changes.get()).isZero();
    }

    @Test
    void shouldAddAClusterForCallouts() {
        vm.addCluster("auth");
        assertThat(vm.names()).containsExactly("backend", "auth");
        assertThat(vm.editingProperty().get()).isEqualTo("auth");
        assertThat(vm.orderedClusters().keySet()).containsExactly("backend", "auth");
    }
}
