package io.filterplayground.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.timeline.TimelineRow;
import io.filterplayground.app.workspace.RecordedExchange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * sample-modules/four-extension-points in the real window: HTTP filters, a network filter on the
 * added TCP listener, an access logger on both and the singleton service, each seen at work.
 */
@ExtendWith(ApplicationExtension.class)
class FourExtensionPointsWindowTest {
    private final WindowFixture fx = new WindowFixture();

    @Start
    void start(Stage stage) {
        fx.open(stage);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void shouldRunRequestsAndConnectionsThroughAllFourExtensionPoints(FxRobot robot)
            throws Exception {
        fx.awaitRunning();
        Path scenario = Path.of("..", "sample-modules", "four-extension-points", "scenario.yaml");
        fx.vm().open(scenario).get(60, TimeUnit.SECONDS);
        fx.awaitRunning();
        assertThat(fx.vm().statusProperty().get()).startsWith("Running 3 filter(s)");
        assertThat(robot.lookup("#tcp-chain-list").queryListView().getItems()).hasSize(1);
        assertThat(robot.lookup("#logger-list").queryListView().getItems()).hasSize(1);

        // 1 and 3: a request through the HTTP filters, logged by the access logger.
        RecordedExchange get = fx.send(robot, 1);
        assertThat(get.exchange().response().status()).isEqualTo(200);
        assertThat(get.chain()).containsExactly("stats", "deny-admin", "access-log");
        ListView<TimelineRow> timeline = robot.lookup("#timeline-list").queryListView();
        assertThat(timeline.getItems())
                .anyMatch(r -> "access-log".equals(r.filter()) && r.title().equals("log"));

        // 2 and 3: the scenario's first connection through redis-inspector, logged too.
        robot.clickOn("#connection-tab");
        assertThat(fx.vm().connection().nameProperty().get()).isEqualTo("redis");
        RecordedExchange redis = fx.send(robot, 2);
        assertThat(new String(redis.connection().received(), StandardCharsets.UTF_8))
                .isEqualTo("+PONG (via redis-inspector)\r\n+OK\r\n");
        assertThat(fx.vm().timeline().lanes()).containsExactly("redis-inspector", "access-log");
        assertThat(timeline.getItems())
                .anyMatch(r -> "access-log".equals(r.filter()) && r.title().equals("log"));

        // 4: the singleton service drains both queues on its tick.
        robot.clickOn("#advance-button");
        WindowFixture.await(
                "the service's report",
                20,
                () ->
                        fx.vm().logs().lines().stream()
                                .anyMatch(
                                        l ->
                                                l.message()
                                                        .startsWith(
                                                                "stats: access log requests=1"
                                                                        + " connections=1")));
    }
}
