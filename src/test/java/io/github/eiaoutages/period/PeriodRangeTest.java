package io.github.eiaoutages.period;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranges of periods: what is left of one without another, what two share, how a list of them is logged. */
class PeriodRangeTest {

    @Test
    void a_range_without_another_keeps_the_periods_on_either_side() {
        PeriodRange gap = daily("2025-01-05", "2025-01-10");

        assertThat(gap.minus(daily("2025-01-07", "2025-01-08")))
                .extracting(Object::toString)
                .containsExactly("2025-01-05..2025-01-06", "2025-01-09..2025-01-10");
        assertThat(gap.minus(daily("2025-01-01", "2025-01-05")))
                .extracting(Object::toString)
                .containsExactly("2025-01-06..2025-01-10");
        assertThat(gap.minus(daily("2025-01-04", "2025-01-11"))).isEmpty();
        assertThat(gap.minus(daily("2025-01-11", "2025-01-12"))).containsExactly(gap);
        // A week beside another one's label by less than a week holds no label of its own.
        PeriodRange week = new PeriodRange(Frequency.WEEKLY.parse("2025-03-14"), Frequency.WEEKLY.parse("2025-03-14"));
        assertThat(week.minus(
                        new PeriodRange(Frequency.WEEKLY.parse("2025-03-13"), Frequency.WEEKLY.parse("2025-03-13"))))
                .containsExactly(week);
        assertThat(week.minus(week)).isEmpty();
    }

    @Test
    void two_ranges_share_the_periods_both_hold_or_none() {
        assertThat(daily("2025-01-05", "2025-01-10").overlap(daily("2025-01-08", "2025-01-20")))
                .isEqualTo(daily("2025-01-08", "2025-01-10"));
        assertThat(daily("2025-01-05", "2025-01-10").overlap(daily("2025-01-11", "2025-01-20")))
                .isNull();
    }

    @Test
    void a_list_of_ranges_names_the_first_ten_and_counts_the_rest() {
        List<PeriodRange> gaps = new ArrayList<>();
        for (int day = 1; day <= 25; day += 2) {
            String label = LocalDate.of(2025, 1, day).toString();
            gaps.add(daily(label, label));
        }

        assertThat(PeriodRange.listed(gaps))
                .startsWith("2025-01-01..2025-01-01, 2025-01-03..2025-01-03, ")
                .endsWith(", 2025-01-19..2025-01-19 and 3 more");
        assertThat(PeriodRange.listed(gaps.subList(0, 10))).endsWith("2025-01-19..2025-01-19");
        assertThat(PeriodRange.listed(gaps.subList(0, 2))).isEqualTo("2025-01-01..2025-01-01, 2025-01-03..2025-01-03");
    }

    private static PeriodRange daily(String start, String end) {
        return new PeriodRange(Frequency.DAILY.parse(start), Frequency.DAILY.parse(end));
    }
}
