package io.github.eiaoutages.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every EIA period shape: read, stored, written back, stepped; one test per rule. */
class FrequencyTest {

    @Test
    void each_frequency_reads_its_own_label_and_writes_it_back_unchanged() {
        for (String[] example : new String[][] {
            {"hourly", "2026-11-01T05"},
            {"local-hourly", "2026-11-01T01-05"},
            {"daily", "2026-11-01"},
            {"weekly", "2026-10-31"},
            {"monthly", "2026-10"},
            {"quarterly", "2026-Q3"},
            {"annual", "2026"}
        }) {
            Frequency frequency = Frequency.fromEia(example[0]);
            assertThat(frequency.parse(example[1]).label()).as(example[0]).isEqualTo(example[1]);
            assertThat(frequency.parse(frequency.example()).label())
                    .as(example[0])
                    .isEqualTo(frequency.example());
        }
    }

    @Test
    void day_based_periods_are_stored_as_their_first_day_and_hours_as_utc_instants() {
        assertThat(Frequency.MONTHLY.storedValue("2026-10"))
                .isEqualTo((int) LocalDate.of(2026, 10, 1).toEpochDay());
        assertThat(Frequency.QUARTERLY.storedValue("2026-Q3"))
                .isEqualTo((int) LocalDate.of(2026, 7, 1).toEpochDay());
        assertThat(Frequency.ANNUAL.storedValue("2015"))
                .isEqualTo((int) LocalDate.of(2015, 1, 1).toEpochDay());
        assertThat(Frequency.WEEKLY.storedValue("2026-10-31"))
                .isEqualTo((int) LocalDate.of(2026, 10, 31).toEpochDay());
        assertThat(Frequency.DAILY.storedValue("2026-11-01"))
                .isEqualTo((int) LocalDate.of(2026, 11, 1).toEpochDay());
        assertThat(Frequency.HOURLY.storedValue("2026-11-01T05"))
                .isEqualTo(Instant.parse("2026-11-01T05:00:00Z").toEpochMilli());
        assertThat(Frequency.LOCAL_HOURLY.storedValue("2026-11-01T01-05"))
                .isEqualTo(Instant.parse("2026-11-01T06:00:00Z").toEpochMilli());
    }

    @Test
    void the_local_hour_that_comes_twice_on_the_dst_fall_back_day_is_two_instants() {
        List<Object> stored = List.of(
                        "2026-11-01T00-05",
                        "2026-11-01T01-05",
                        "2026-11-01T01-06",
                        "2026-11-01T02-06",
                        "2026-11-01T03-06")
                .stream()
                .map(Frequency.LOCAL_HOURLY::storedValue)
                .toList();

        assertThat(stored).doesNotHaveDuplicates().isSorted();
        assertThat(stored)
                .containsExactly(
                        Instant.parse("2026-11-01T05:00:00Z").toEpochMilli(),
                        Instant.parse("2026-11-01T06:00:00Z").toEpochMilli(),
                        Instant.parse("2026-11-01T07:00:00Z").toEpochMilli(),
                        Instant.parse("2026-11-01T08:00:00Z").toEpochMilli(),
                        Instant.parse("2026-11-01T09:00:00Z").toEpochMilli());
    }

    @Test
    void steps_count_in_the_frequencys_own_periods() {
        assertThat(Frequency.MONTHLY.parse("2026-01").plus(-2).label()).isEqualTo("2025-11");
        assertThat(Frequency.QUARTERLY.parse("2026-Q1").plus(-1).label()).isEqualTo("2025-Q4");
        assertThat(Frequency.ANNUAL.parse("2026").plus(-3).label()).isEqualTo("2023");
        assertThat(Frequency.WEEKLY.parse("2026-10-31").plus(-2).label()).isEqualTo("2026-10-17");
        assertThat(Frequency.HOURLY.parse("2026-11-01T01").plus(-2).label()).isEqualTo("2026-10-31T23");
        assertThat(Frequency.LOCAL_HOURLY.parse("2026-11-01T01-06").plus(-48).label())
                .isEqualTo("2026-10-30T01-06");
        assertThat(Frequency.MONTHLY.parse("2024-11").stepsUntil(Frequency.MONTHLY.parse("2026-01")))
                .isEqualTo(14);
    }

    @Test
    void weekly_steps_round_the_day_distance_to_whole_weeks_so_a_week_labelled_on_another_weekday_still_counts() {
        Period friday = Frequency.WEEKLY.parse("2025-05-02");
        // Thursday 2025-05-15 (a holiday label) after Friday 05-02: 13 days, two steps, so one week is missing.
        assertThat(friday.stepsUntil(Frequency.WEEKLY.parse("2025-05-15"))).isEqualTo(2);
        // Saturday 05-10 after Friday 05-02: 8 days, the next week.
        assertThat(friday.stepsUntil(Frequency.WEEKLY.parse("2025-05-10"))).isEqualTo(1);
        assertThat(friday.stepsUntil(Frequency.WEEKLY.parse("2025-05-08"))).isEqualTo(1);
        assertThat(friday.stepsUntil(Frequency.WEEKLY.parse("2025-05-16"))).isEqualTo(2);
        assertThat(Frequency.WEEKLY.parse("2025-05-15").stepsUntil(friday)).isEqualTo(-2);
        assertThat(new PeriodRange(friday, Frequency.WEEKLY.parse("2025-05-15")).periods())
                .isEqualTo(3);
    }

    @Test
    void a_period_ends_where_the_next_begins() {
        assertThat(Frequency.MONTHLY.parse("2026-02").end()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(Frequency.ANNUAL.parse("2025").end()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(Frequency.DAILY.parse("2026-11-28").end()).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
        assertThat(Frequency.LOCAL_HOURLY.parse("2026-11-01T01-06").end())
                .isEqualTo(Instant.parse("2026-11-01T08:00:00Z"));
    }

    @Test
    void the_period_holding_an_instant_is_in_utc_and_weekly_ones_keep_the_anchor_weekday() {
        Instant now = Instant.parse("2026-11-29T20:30:00Z");
        assertThat(Frequency.QUARTERLY.containing(now, null).label()).isEqualTo("2026-Q4");
        assertThat(Frequency.MONTHLY.containing(now, null).label()).isEqualTo("2026-11");
        assertThat(Frequency.HOURLY.containing(now, null).label()).isEqualTo("2026-11-29T20");
        // Weeks named by their Friday: the Friday on or before the instant.
        assertThat(Frequency.WEEKLY
                        .containing(now, Frequency.WEEKLY.parse("2010-01-01"))
                        .label())
                .isEqualTo("2026-11-27");
        assertThat(Frequency.LOCAL_HOURLY
                        .containing(now, Frequency.LOCAL_HOURLY.parse("2026-10-25T00-05"))
                        .label())
                .isEqualTo("2026-11-29T15-05");
    }

    @Test
    void a_label_of_another_shape_is_refused_with_an_example() {
        assertThatThrownBy(() -> Frequency.MONTHLY.parse("2026-10-01"))
                .isInstanceOf(DateTimeParseException.class)
                .hasMessage("'2026-10-01' is not a monthly period such as 2026-10");
        assertThatThrownBy(() -> Frequency.DAILY.storedValue("2026-02-30")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Frequency.QUARTERLY.parse("2026-Q5")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Frequency.HOURLY.parse("2026-11-01T25")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Frequency.LOCAL_HOURLY.parse("2026-11-01T01"))
                .isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Frequency.fromEia("yearly"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use one of hourly, local-hourly, daily, weekly, monthly, quarterly, annual");
    }

    @Test
    void a_label_of_the_right_shape_for_a_day_that_does_not_exist_says_so() {
        assertThatThrownBy(() -> Frequency.DAILY.parse("2025-02-30"))
                .isInstanceOf(DateTimeParseException.class)
                .hasMessage(
                        "'2025-02-30' is shaped like a daily period but does not exist: Invalid date 'FEBRUARY 30'");
        assertThatThrownBy(() -> Frequency.DAILY.storedValue("2025-02-30")).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Frequency.MONTHLY.parse("2025-13"))
                .hasMessageContaining("does not exist")
                .hasMessageContaining("MonthOfYear");
        assertThatThrownBy(() -> Frequency.HOURLY.parse("2025-01-01T24"))
                .hasMessageContaining("does not exist")
                .hasMessageContaining("HourOfDay");
    }

    @Test
    void an_hour_read_back_from_a_timestamp_column_is_the_same_hour() {
        assertThat(Frequency.HOURLY.parse("2026-11-01 05:00:00+00").label()).isEqualTo("2026-11-01T05");
        assertThat(Frequency.HOURLY
                        .fromStored(Instant.parse("2026-11-01T05:00:00Z"), ZoneOffset.UTC)
                        .label())
                .isEqualTo("2026-11-01T05");
    }
}
