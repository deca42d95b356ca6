package io.github.eiaoutages.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.period.Frequency;
import io.github.eiaoutages.period.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which periods count as missing between the ones a dataset holds, and how each gap is named; one test per rule. */
class GapsBetweenPeriodsTest {

    @Test
    void a_gap_runs_from_the_period_after_one_stored_to_the_period_before_the_next() {
        List<Period> stored = labels(Frequency.DAILY, "2025-01-01", "2025-01-02", "2025-01-06", "2025-01-08");

        assertThat(Gaps.between(stored))
                .extracting(Object::toString)
                .containsExactly("2025-01-03..2025-01-05", "2025-01-07..2025-01-07");
        assertThat(Gaps.between(labels(Frequency.MONTHLY, "2024-11", "2025-02")))
                .extracting(Object::toString)
                .containsExactly("2024-12..2025-01");
    }

    @Test
    void a_missing_week_next_to_a_week_labelled_on_another_weekday_is_a_gap_named_by_the_series_weekday() {
        // Friday weeks of 2025; three are labelled on a holiday's Thursday or Saturday, three are missing.
        List<Period> stored = fridays(
                LocalDate.of(2025, 1, 3),
                LocalDate.of(2025, 7, 25),
                Map.of("2025-03-07", "2025-03-06", "2025-05-16", "2025-05-15", "2025-06-06", "2025-06-07"),
                Set.of("2025-03-14", "2025-05-09", "2025-06-13"));

        assertThat(Gaps.between(stored))
                .extracting(g -> g.toString() + " " + g.periods())
                .containsExactly("2025-03-14..2025-03-14 1", "2025-05-09..2025-05-09 1", "2025-06-13..2025-06-13 1");
    }

    @Test
    void several_missing_weeks_are_one_gap_of_as_many_periods() {
        List<Period> stored = fridays(
                LocalDate.of(2025, 1, 3),
                LocalDate.of(2025, 3, 28),
                Map.of("2025-02-28", "2025-02-27"),
                Set.of("2025-01-31", "2025-02-07", "2025-02-14", "2025-02-21"));

        assertThat(Gaps.between(stored))
                .extracting(g -> g.toString() + " " + g.periods())
                .containsExactly("2025-01-31..2025-02-21 4");
    }

    @Test
    void a_week_labelled_a_day_off_between_two_present_weeks_is_no_gap() {
        assertThat(Gaps.between(fridays(
                        LocalDate.of(2025, 1, 3),
                        LocalDate.of(2025, 12, 26),
                        Map.of("2025-07-04", "2025-07-03", "2025-12-26", "2025-12-24", "2025-01-03", "2025-01-02"),
                        Set.of())))
                .isEmpty();
    }

    private static List<Period> labels(Frequency frequency, String... labels) {
        return List.of(labels).stream().map(frequency::parse).toList();
    }

    /** Every Friday from {@code first} to {@code last}, some relabelled ({@code moved}), some left out. */
    private static List<Period> fridays(
            LocalDate first, LocalDate last, Map<String, String> moved, Set<String> missing) {
        List<Period> weeks = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusWeeks(1)) {
            if (!missing.contains(day.toString())) {
                weeks.add(Frequency.WEEKLY.parse(moved.getOrDefault(day.toString(), day.toString())));
            }
        }
        return weeks;
    }
}
