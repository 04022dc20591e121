package io.filterplayground.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request picker's rules: waiting requests on top, the selection kept, bursts throttled. */
class ExchangeListTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExchangeLog log = new ExchangeLog();
    private final SimpleBooleanProperty bursting = new SimpleBooleanProperty(false);
    private List<RecordedExchange> pending = List.of();
    private final ExchangeList list =
            new ExchangeList(log, () -> pending, bursting, Runnable::run, timer);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void shouldReplaceAWaitingRequestByItsExchangeAndKeepItSelected() {
        RecordedExchange first = done(1, 200);
        log.add(first);
        RecordedExchange waiting =
                new RecordedExchange(exchange(2, null), List.of(), Map.of(), "paused by lua");
        pending = List.of(waiting);
        list.refresh();
        assertThat(list.exchanges()).containsExactly(waiting, first);
        list.selectedProperty().set(waiting);

        RecordedExchange second = done(2, 403);
        pending = List.of();
        log.add(second);
        list.refresh();

        assertThat(list.exchanges()).containsExactly(second, first);
        assertThat(list.selectedProperty().get()).isSameAs(second);
        assertThat(list.statsProperty().get()).isEqualTo("2 request(s) · 200 ×1, 403 ×1");
    }

    @Test
    void shouldRefreshTheListLessOftenThanTheCountsDuringABurst() {
        RecordedExchange first = done(1, 200);
        log.add(first);
        list.refresh();
        bursting.set(true);
        log.add(done(2, 200));
        list.refresh();

        // Within half a second of the last copy: the counts move, the list waits.
        assertThat(list.exchanges()).containsExactly(first);
        assertThat(list.statsProperty().get()).isEqualTo("2 request(s) · 200 ×2");

        bursting.set(false);
        list.refresh();
        assertThat(list.exchanges()).hasSize(2);
    }

    @Test
    void shouldForgetEverythingWhenCleared() {
        log.add(done(1, 0));
        list.refresh();
        list.selectedProperty().set(list.exchanges().get(0));
        assertThat(list.statsProperty().get()).isEqualTo("1 request(s) · reset ×1");

        list.clear();

        assertThat(list.exchanges()).isEmpty();
        assertThat(list.selectedProperty().get()).isNull();
        assertThat(log.stats().total()).isZero();
        assertThat(list.statsProperty().get()).isEqualTo("No requests yet.");
    }

    /** A completed exchange with this stream id and status (0: a reset). */
    static RecordedExchange done(long id, int status) {
        HttpResponse r =
                status == 0
                        ? HttpResponse.reset("downstream_local_disconnect", "")
                        : new HttpResponse(
                                status,
                                Headers.empty(),
                                new byte[0],
                                Headers.empty(),
                                false,
                                "",
                                "",
                                false);
        return new RecordedExchange(exchange(id, r), List.of());
    }

    private static Exchange exchange(long id, HttpResponse r) {
        return new Exchange(
                id,
                (int) id - 1,
                "alice",
                "worker-0",
                HttpRequest.get("/"),
                r,
                null,
                List.of(),
                Map.of(),
                0);
    }
}
