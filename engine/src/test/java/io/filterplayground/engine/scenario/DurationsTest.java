package io.filterplayground.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void shouldReadEveryUnitAndFractions() {
        assertThat(Durations.millis("250ms")).hasValue(250);
        assertThat(Durations.millis("2s")).hasValue(2000);
        assertThat(Durations.millis(" 1.5 s ")).hasValue(1500);
        assertThat(Durations.millis("1m")).hasValue(60_000);
        assertThat(Durations.millis("2h")).hasValue(7_200_000);
        assertThat(Durations.millis("1500us")).hasValue(2);
        assertThat(Durations.millis("3000000ns")).hasValue(3);
        assertThat(Durations.millis("2S")).hasValue(2000);
    }

    @Test
    void shouldTakeABareNumberAsMillisOnlyWhereTheCallerAllowsIt() {
        assertThat(Durations.millis("40")).hasValue(40);
        assertThat(Durations.millisWithUnit("40")).isEmpty();
        assertThat(Durations.millisWithUnit("40ms")).hasValue(40);
    }

    @Test
    void shouldRefuseWhatIsNotADuration() {
        assertThat(Durations.millis("fast")).isEmpty();
        assertThat(Durations.millis("-5ms")).isEmpty();
        assertThat(Durations.millis("5 days")).isEmpty();
        assertThat(Durations.millis("")).isEmpty();
        assertThat(Durations.millis(null)).isEmpty();
    }

    @Test
    void shouldWriteForTheFileAndForTheWindow() {
        assertThat(Durations.text(1500)).isEqualTo("1500ms");
        assertThat(Durations.millis(Durations.text(1500))).hasValue(1500);
        assertThat(Durations.display(250)).isEqualTo("250 ms");
        assertThat(Durations.display(1500)).isEqualTo("1.5 s");
        assertThat(Durations.display(2000)).isEqualTo("2 s");
    }
}
